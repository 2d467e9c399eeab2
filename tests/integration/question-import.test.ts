import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, questionReviews, questions } from '../../db/schema/index';
import { postAs } from '../factories/calls';
import { approvedQuestion, bankApp, createQuestion, singleChoiceDraft } from '../factories/questions';
import type { SignedIn } from '../factories/users';
import { request, type TestApp } from '../helpers/app';

/** Issue 20: Moodle files without silent loss, re-importing our own export, category filing, CSV with `;`. */

let t: TestApp, author: SignedIn, reviewer: SignedIn;

beforeAll(async () => ({ t, author, reviewer } = await bankApp()));
afterAll(() => t.close());

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../server/modules/imports/fixtures', name), 'utf8');
const questionCount = async () => (await t.database.db.select({ n: count() }).from(questions))[0]!.n;
const exportAs = async (format: string, query = '') => {
  const response = await request(t.app, {
    method: 'GET',
    url: `/api/questions/export?format=${format}${query}`,
    cookie: author.cookie,
  });
  expect(response.statusCode).toBe(200);
  return response.body;
};

describe('checking a Moodle file before importing it', () => {
  it('lists each category path with its default filing, and refuses what the bank does not have', async () => {
    const before = await questionCount();
    const check = await postAs(t, author, '/api/questions/import/check', {
      format: 'gift',
      content: fixture('moodle-multilang.gift'),
    });
    expect(check.statusCode, check.body).toBe(200);
    const body = check.json();
    expect(body).toMatchObject({ ok: false, new: 5, updated: 0, unchanged: 0 });
    // The last path segment, "Cüt ədədlər", names no subject or topic of the bank: it is offered for a choice.
    expect(body.categories).toEqual([
      { path: '$course$/top/Riyaziyyat/Cüt ədədlər', questions: 5, subject: 'Cüt ədədlər', topic: null, chosen: false },
    ]);
    expect(body.problems.map((p: { row: number; field: string; code: string }) => [p.row, p.field, p.code])).toEqual(
      [1, 2, 3, 4, 5].map((row) => [row, 'subject', 'unknown']),
    );
    expect(await questionCount()).toBe(before);
  });

  it('files by the chosen mapping, and a name matching a topic by default', async () => {
    const content = fixture('moodle-4.xml')
      .replace(/<!-- question: 3104 {2}-->[\s\S]*?<\/question>/, '')
      .replace('/Konstitusiya</text>', '/Azərbaycan Respublikasının Konstitusiyası</text>');
    const byDefault = await postAs(t, author, '/api/questions/import/check', { format: 'moodle-xml', content });
    // The category's own name is the constitution topic's Azerbaijani name.
    expect(byDefault.json().categories).toEqual([
      {
        path: '$course$/top/Default for Hüquq/Azərbaycan Respublikasının Konstitusiyası',
        questions: 3,
        subject: 'legislation',
        topic: 'constitution',
        chosen: false,
      },
    ]);
    expect(byDefault.json()).toMatchObject({ ok: true, new: 3, problems: [] });

    const chosen = await postAs(t, author, '/api/questions/import/check', {
      format: 'moodle-xml',
      content,
      categories: [
        { path: '$course$/top/Default for Hüquq/Azərbaycan Respublikasının Konstitusiyası', subject: 'legislation' },
      ],
    });
    expect(chosen.json().categories[0]).toMatchObject({ subject: 'legislation', topic: null, chosen: true });
  });
});

describe('importing a Moodle file', () => {
  it('imports with the chosen filing and language, every language of multilang text in its own field', async () => {
    const response = await postAs(t, author, '/api/questions/import', {
      format: 'gift',
      content: fixture('moodle-multilang.gift'),
      language: 'az',
      categories: [{ path: '$course$/top/Riyaziyyat/Cüt ədədlər', subject: 'logic' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ imported: 5, updated: 0, unchanged: 0 });
    const drafts = await t.services.questions.exportDrafts({ id: null, ip: null }, {}, 'test');
    const even = drafts.find((d) => d.externalId === 'mat-even-01')!;
    expect(even).toMatchObject({
      subject: 'logic',
      content: {
        text: { az: 'Hansı ədəd cütdür?', ru: 'Какое число чётное?', en: 'Which number is even?' },
        options: [
          { id: 'a', text: { az: 'iki', ru: 'два', en: 'two' } },
          { id: 'b', text: { az: 'üç', ru: 'три', en: 'three' } },
        ],
      },
      tags: ['ədədlər', 'asan'],
    });
    expect(drafts.find((d) => d.externalId === 'Su')?.content.text.az).toContain('H₂O');
  });

  it('refuses a file with an embedded file by row, naming the file, and adds nothing', async () => {
    const before = await questionCount();
    const response = await postAs(t, author, '/api/questions/import', {
      format: 'moodle-xml',
      content: fixture('moodle-4.xml'),
      categories: [
        { path: '$course$/top/Default for Hüquq/Konstitusiya', subject: 'legislation', topic: 'constitution' },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.problems).toEqual([
      {
        row: 4,
        field: 'content.text',
        code: 'unsupported',
        message: expect.stringContaining('qeyd.mp3') as string,
      },
    ]);
    expect(await questionCount()).toBe(before);
  });

  it('reads a CSV with ; separators and a BOM, reporting problems by the file line', async () => {
    const csv = [
      '\uFEFFexternal_id;subject;type;text_az;option_1_az;option_2_az;correct',
      'csv-semi-1;logic;single;"Hansı; düzdür?";bəli;xeyr;a',
      'csv-semi-2;astrology;single;Sual;bəli;xeyr;a',
    ].join('\r\n');
    const refused = await postAs(t, author, '/api/questions/import', { format: 'csv', content: csv });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.problems).toMatchObject([{ row: 3, field: 'subject', code: 'unknown' }]);

    const fixed = await postAs(t, author, '/api/questions/import', {
      format: 'csv',
      content: csv.replace('astrology', 'logic'),
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    const drafts = await t.services.questions.exportDrafts({ id: null, ip: null }, {}, 'test');
    expect(drafts.find((d) => d.externalId === 'csv-semi-1')?.content.text).toEqual({ az: 'Hansı; düzdür?' });
  });

  it('words a broken CSV quote as a code the page translates, on its line', async () => {
    const response = await postAs(t, author, '/api/questions/import', {
      format: 'csv',
      content: 'subject,type,text_az\nlogic,single,"Sual\n',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.problems).toMatchObject([{ code: 'csv-quote-not-closed' }]);
  });
});

describe('re-importing the bank’s own export', () => {
  it('is refused as taken unless updating; updating changes only what changed, as new versions for review', async () => {
    const unchangedId = await approvedQuestion(
      t,
      author.cookie,
      reviewer.cookie,
      singleChoiceDraft({ externalId: 're-same', subject: 'informatics' }),
    );
    const changedId = await approvedQuestion(
      t,
      author.cookie,
      reviewer.cookie,
      singleChoiceDraft({ externalId: 're-changed', subject: 'informatics' }),
    );
    for (const format of ['moodle-xml', 'gift', 'csv'] as const) {
      const exported = await exportAs(format, '&subject=informatics');
      const plain = await postAs(t, author, '/api/questions/import', { format, content: exported });
      expect(plain.statusCode, format).toBe(422);
      expect(plain.json().error.problems.map((p: { code: string }) => p.code)).toEqual(['taken', 'taken']);
      const check = await postAs(t, author, '/api/questions/import/check', { format, content: exported, update: true });
      expect(check.json(), format).toMatchObject({ ok: true, new: 0, updated: 0, unchanged: 2, duplicates: [] });
    }

    const exported = await exportAs('moodle-xml', '&subject=informatics');
    const edited = exported.replace(
      /(<idnumber>re-changed<\/idnumber>[\s\S]*?)imtahan:difficulty=easy/,
      '$1imtahan:difficulty=hard',
    );
    expect(edited).not.toBe(exported);
    const before = await questionCount();
    const response = await postAs(t, author, '/api/questions/import', {
      format: 'moodle-xml',
      content: edited,
      update: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ imported: 0, updated: 1, unchanged: 1, ids: [changedId] });
    expect(await questionCount()).toBe(before);

    const changed = (
      await request(t.app, { method: 'GET', url: `/api/questions/${changedId}`, cookie: reviewer.cookie })
    ).json();
    // A new version in draft, to be reviewed as usual; papers keep drawing the approved version meanwhile.
    expect(changed).toMatchObject({ status: 'draft', currentVersion: 2, approvedVersion: 1 });
    expect(changed.versions.map((v: { difficulty: string }) => v.difficulty)).toEqual(['easy', 'hard']);
    const same = (
      await request(t.app, { method: 'GET', url: `/api/questions/${unchangedId}`, cookie: reviewer.cookie })
    ).json();
    expect(same).toMatchObject({ status: 'approved', currentVersion: 1 });
    const trail = await t.database.db.select().from(questionReviews).where(eq(questionReviews.questionId, changedId));
    expect(trail.map((r) => r.action)).toContain('edited');
    const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, changedId));
    expect(audited.map((a) => a.action)).toContain('question.edited');
  });

  it('refuses to update a retired question, and flags a stem already in the bank as a possible duplicate', async () => {
    const draft = singleChoiceDraft({ externalId: 're-retired', subject: 'language' });
    const id = await createQuestion(t, author.cookie, draft);
    const retire = await postAs(t, author, `/api/questions/${id}/retire`, { reason: 'Out of date' });
    expect(retire.statusCode).toBe(200);
    const exported = await exportAs('gift', '&subject=language&status=retired');
    const check = await postAs(t, author, '/api/questions/import/check', {
      format: 'gift',
      content: exported,
      update: true,
    });
    expect(check.json().problems).toMatchObject([{ row: 1, field: 'externalId', code: 'retired' }]);

    const copy = exported.replace(/::re-retired::/, '::re-copy::').replace(/\[id:re-retired\]/, '[id:re-copy]');
    const duplicate = await postAs(t, author, '/api/questions/import/check', { format: 'gift', content: copy });
    expect(duplicate.json()).toMatchObject({ ok: true, new: 1 });
    expect(duplicate.json().duplicates).toEqual(
      expect.arrayContaining([{ row: 1, language: 'az', questionId: id, externalId: 're-retired' }]),
    );
  });
});
