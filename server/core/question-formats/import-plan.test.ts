import { describe, expect, it } from 'vitest';
import { defaultFiling } from './category';
import { planImport, sameDraft, textKey } from './import-plan';
import { singleChoiceDraft } from './test-support';

const taxonomy = [
  { id: 'logic', name: { az: 'Məntiq', en: 'Logic' }, topics: [] },
  {
    id: 'legislation',
    name: { az: 'Qanunvericilik', en: 'Legislation' },
    topics: [{ id: 'constitution', name: { az: 'Konstitusiya', en: 'Constitution' } }],
  },
];

describe('planImport', () => {
  const bank = [
    { id: 'q1', status: 'approved', draft: singleChoiceDraft({ externalId: 'x-1' }) },
    {
      id: 'q2',
      status: 'retired',
      draft: singleChoiceDraft({
        externalId: 'x-2',
        content: { ...singleChoiceDraft().content, text: { az: 'Başqa sual' } },
      }),
    },
  ];

  it('refuses an external id in the bank unless updating, and a repeat within the file always', () => {
    const plain = planImport(bank, taxonomy, false);
    expect(plain.rules(singleChoiceDraft({ externalId: 'x-1' }), 1)).toMatchObject([
      { field: 'externalId', code: 'taken' },
    ]);
    const updating = planImport(bank, taxonomy, true);
    expect(updating.rules(singleChoiceDraft({ externalId: 'x-1' }), 1)).toEqual([]);
    expect(updating.rules(singleChoiceDraft({ externalId: 'x-1' }), 2)).toMatchObject([{ code: 'duplicate' }]);
    expect(updating.rules(singleChoiceDraft({ externalId: 'x-2' }), 3)).toMatchObject([{ code: 'retired' }]);
  });

  it('plans a new version only for a changed question, nothing for an identical one', () => {
    const plan = planImport(bank, taxonomy, true);
    plan.rules(singleChoiceDraft({ externalId: 'x-1' }), 1);
    plan.rules(
      singleChoiceDraft({ externalId: 'new-1', content: { ...singleChoiceDraft().content, text: { az: 'Yeni' } } }),
      2,
    );
    const changed = singleChoiceDraft({ externalId: 'x-1', difficulty: 'hard' });
    planImport(bank, taxonomy, true).rules(changed, 1);
    const second = planImport(bank, taxonomy, true);
    second.rules(changed, 7);
    expect(plan.rows).toEqual([
      { row: 1, kind: 'unchanged', questionId: 'q1' },
      { row: 2, kind: 'new' },
    ]);
    expect(second.rows).toEqual([{ row: 7, kind: 'update', questionId: 'q1' }]);
  });

  it('lists questions whose stem is already in the bank or in an earlier row, whatever the case and spacing', () => {
    const plan = planImport(bank, taxonomy, false);
    const copy = (az: string) => singleChoiceDraft({ content: { ...singleChoiceDraft().content, text: { az } } });
    plan.rules(copy('  SUAL? '), 1);
    plan.rules(copy('Təzə sual'), 2);
    plan.rules(copy('təzə   sual.'), 3);
    expect(plan.duplicates).toEqual([
      { row: 1, language: 'az', questionId: 'q1', externalId: 'x-1' },
      { row: 3, language: 'az', sameAsRow: 2 },
    ]);
  });

  it('does not call the question an update replaces a duplicate of itself', () => {
    const plan = planImport(bank, taxonomy, true);
    plan.rules(singleChoiceDraft({ externalId: 'x-1', difficulty: 'hard' }), 1);
    expect(plan.duplicates).toEqual([]);
  });

  it('refuses an unknown subject and a topic of another subject', () => {
    const plan = planImport([], taxonomy, false);
    expect(plan.rules(singleChoiceDraft({ subject: 'nope' }), 1)).toMatchObject([
      { field: 'subject', code: 'unknown' },
    ]);
    expect(plan.rules(singleChoiceDraft({ subject: 'logic', topic: 'constitution' }), 2)).toMatchObject([
      { field: 'topic', code: 'unknown' },
    ]);
  });
});

describe('sameDraft and textKey', () => {
  it('compares drafts field by field, not by key order', () => {
    const draft = singleChoiceDraft();
    const { tags, ...rest } = draft;
    const reordered = { tags, ...rest };
    expect(sameDraft(draft, reordered)).toBe(true);
    expect(sameDraft(draft, { ...draft, difficulty: 'hard' })).toBe(false);
  });

  it('ignores case, spacing and closing punctuation', () => {
    expect(textKey(' Hansı   ƏDƏD cütdür?? ')).toBe(textKey('hansı ədəd cütdür'));
  });
});

describe('defaultFiling', () => {
  it.each([
    ['$course$/top/Hüquq/Konstitusiya', { subject: 'legislation', topic: 'constitution' }],
    ['$course$/top/Default for X/constitution', { subject: 'legislation', topic: 'constitution' }],
    ['$system$/top/LOGIC', { subject: 'logic' }],
    ['$course$/top/Məntiq', { subject: 'logic' }],
    ['$course$/top/Unknown name', { subject: 'Unknown name' }],
    ['$course$/top', {}],
  ])('files %s by its last name', (path, filing) => {
    expect(defaultFiling(path, taxonomy)).toEqual(filing);
  });
});
