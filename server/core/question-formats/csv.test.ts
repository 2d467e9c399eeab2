import { describe, expect, it } from 'vitest';
import type { QuestionDraft } from '../question';
import { exportCsv, importCsv } from './csv';
import { CSV_COLUMNS } from './csv-columns';
import { refusals } from './test-support';

const HEADER = 'subject,type,difficulty,text_az,text_ru,option_1_az,option_1_ru,option_2_az,option_2_ru,correct';

describe('importCsv', () => {
  it('reads a spreadsheet export: BOM, CRLF, quotes, line breaks in cells, ə ğ ı İ ö ü ç ş and Cyrillic', () => {
    const text =
      '\uFEFF' +
      [
        'Subject , TYPE,difficulty,text_az,text_ru,accepted_az,accepted_ru,tags',
        'language,short,easy,"Şəhər adı: ""İçərişəhər""\r\nharadadır?",Где находится «Ичеришехер»?,Bakı|Baku,Баку,ölkə|şəhər',
      ].join('\r\n');
    expect(importCsv(text)).toEqual({
      ok: true,
      drafts: [
        {
          subject: 'language',
          difficulty: 'easy',
          content: {
            type: 'short',
            text: { az: 'Şəhər adı: "İçərişəhər"\nharadadır?', ru: 'Где находится «Ичеришехер»?' },
            options: [],
          },
          key: { type: 'short', accepted: [{ az: 'Bakı', ru: 'Баку' }, { az: 'Baku' }], match: 'normalised' },
          explanation: {},
          tags: ['ölkə', 'şəhər'],
        },
      ],
    });
  });

  it('is all-or-nothing: 3 good and 2 bad rows give exactly the 2 problems, by line and column', () => {
    const text = [
      HEADER,
      'logic,single,easy,"Birinci\nsual",Вопрос 1,bəli,да,xeyr,нет,a', // lines 2–3
      'logic,single,hardest,Sual 2,Вопрос 2,bəli,да,xeyr,нет,a', // line 4: unknown difficulty
      'logic,single,easy,Sual 3,Вопрос 3,bəli,да,xeyr,нет,b', // line 5
      ',multiple,medium,Sual 4,Вопрос 4,bəli,да,xeyr,нет,a|b', // line 6: no subject
      'logic,multiple,hard,Sual 5,Вопрос 5,bəli,да,xeyr,нет,a|b', // line 7
    ].join('\n');
    expect(refusals(importCsv(text))).toEqual([
      [4, 'difficulty', 'invalid'],
      [6, 'subject', 'required'],
    ]);
  });

  it('names the column for problems the shared rules find deep in a draft', () => {
    const text = [HEADER, 'logic,single,easy,Sual,Вопрос,bəli,,xeyr,нет,c'].join('\n');
    expect(refusals(importCsv(text))).toEqual([
      [2, 'option_1_az', 'language-mismatch'],
      [2, 'correct', 'invalid'],
    ]);
  });

  it('refuses cells that belong to another question type rather than ignoring them', () => {
    const text = [
      `${HEADER},accepted_az,scoring`,
      'logic,single,easy,Sual,Вопрос,bəli,да,xeyr,нет,a,bəli,partial',
    ].join('\n');
    const result = importCsv(text);
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['scoring', 'accepted_az']);
  });

  it('refuses a file missing a required column, naming it', () => {
    const result = importCsv('subject,difficulty,text_az\nlogic,easy,Sual\n');
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 1, field: 'type', code: 'missing-column', message: 'The required column "type" is missing.' }],
    });
  });

  it('refuses unknown and repeated headers, and a file with no text column', () => {
    expect(refusals(importCsv('subject,type,texte_az,subject\nlogic,single,Sual,logic\n'))).toEqual([
      [1, 'texte_az', 'unknown-column'],
      [1, 'subject', 'duplicate'],
      [1, 'text_az', 'missing-column'],
    ]);
  });

  it('refuses a row with the wrong number of cells, and an unclosed quote, without throwing', () => {
    expect(importCsv(`${HEADER}\nlogic,single,easy,Sual\n`)).toMatchObject({
      ok: false,
      problems: [{ row: 2, code: 'cell-count' }],
    });
    expect(importCsv(`${HEADER}\nlogic,single,easy,"Sual,Вопрос,a,b,c,d,a\n`)).toMatchObject({
      ok: false,
      problems: [{ code: 'csv-quote-not-closed' }],
    });
    expect(importCsv('')).toMatchObject({ ok: false, problems: [{ row: 1, code: 'missing-column' }] });
  });

  it('gives empty cells their documented defaults', () => {
    const result = importCsv(
      'subject,type,text_az,option_1_az,option_2_az,option_3_az,correct\nlogic,multiple,Sual,x,y,z,a|c\n',
    );
    expect(result).toMatchObject({
      ok: true,
      drafts: [
        {
          difficulty: 'medium',
          content: { options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
          key: { type: 'multiple', correct: ['a', 'c'], scoring: 'all-or-nothing' },
        },
      ],
    });
  });
});

describe('exportCsv', () => {
  const sample: QuestionDraft = {
    externalId: '=cmd|calc',
    subject: 'informatics',
    difficulty: 'medium',
    content: { type: 'short', text: { az: '-2 + 3 = ?', en: '@sum, "quoted"' }, options: [] },
    key: { type: 'short', accepted: [{ az: '1' }, { az: 'bir|1', en: "'one" }], match: 'exact' },
    explanation: { az: 'Sadə\nhesab' },
    tags: ['a|b', 'c\\d'],
  };
  const text = exportCsv([sample]);

  it('writes a BOM, the full header and CRLF rows', () => {
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('defuses spreadsheet formulas and escapes list separators, and still reads back exactly', () => {
    expect(text).toContain(`'=cmd|calc`);
    expect(text).toContain(`'-2 + 3 = ?`);
    expect(text).toContain(`"'@sum, ""quoted"""`);
    expect(text).toContain('1|bir\\|1');
    expect(text).toContain(`,|'one,`); // only a cell's first character can start a formula
    expect(text).toContain('a\\|b|c\\\\d');
    expect(text).toContain('"Sadə\nhesab"');
    expect(importCsv(text)).toEqual({ ok: true, drafts: [sample] });
  });
});
