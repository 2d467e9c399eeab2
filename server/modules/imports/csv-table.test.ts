import { describe, expect, it } from 'vitest';
import { nationalIdRegistry } from '../../core/national-id/index';
import { readTable } from './csv-table';
import { bookingRows, CANDIDATE_COLUMNS, candidateRows } from './import-rows';

const spec = { ...CANDIDATE_COLUMNS, maxRows: 100 };
const registry = nationalIdRegistry(['AZ_FIN', 'KZ_IIN']);
const codes = (text: string) => {
  const result = readTable(text, spec);
  return result.ok ? [] : result.problems.map((p) => `${p.row}:${p.field}:${p.code}`);
};

describe('reading an import file', () => {
  it('reads a BOM, CRLF, quotes, any column order and case, and skips blank lines', () => {
    const text =
      '\uFEFFEmail , national_id,FULL_NAME\r\n"a@x.az",5ZK7A2B,"Əliyev, ""Ə"" Əli"\r\n\r\nb@x.az,6ZK7A2B,Β\r\n';
    const result = readTable(text, spec);
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, cells: { email: 'a@x.az', national_id: '5ZK7A2B', full_name: 'Əliyev, "Ə" Əli' } },
        { line: 4, cells: { email: 'b@x.az', national_id: '6ZK7A2B', full_name: 'Β' } },
      ],
    });
  });

  it('reads cells separated by ; as Azerbaijani and Russian spreadsheets save them', () => {
    const result = readTable('\uFEFFnational_id;full_name;email\r\n5ZK7A2B;"Əliyev; Əli";a@x.az\r\n', spec);
    expect(result).toEqual({
      ok: true,
      rows: [{ line: 2, cells: { national_id: '5ZK7A2B', full_name: 'Əliyev; Əli', email: 'a@x.az' } }],
    });
  });

  it('counts lines as a spreadsheet shows them when a quoted cell spans lines', () => {
    const result = readTable('national_id,full_name,email\n1,"two\nlines",a@x.az\n2,b,b@x.az\n', spec);
    expect(result.ok && result.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it.each([
    ['an empty file', '', ['1:file:empty']],
    ['only a BOM and blank lines', '\uFEFF\r\n\r\n', ['1:file:empty']],
    ['a header and no rows', 'national_id,full_name,email\r\n', ['2:file:no_rows']],
    ['a missing column', 'national_id,full_name\n1,2\n', ['1:email:missing_column']],
    ['an unknown column', 'national_id,full_name,email,password\n1,2,3,4\n', ['1:password:unknown_column']],
    ['a column twice', 'email,national_id,full_name,email\n', ['1:email:duplicate_column']],
    ['a row with too few cells', 'national_id,full_name,email\n1,2\n', ['2:file:cell_count']],
    ['an unclosed quote', 'national_id,full_name,email\n1,"2,3\n', ['2:file:syntax']],
    [
      // `,` and `;` are read (see above); a tab-separated file is not CSV.
      'a tab-separated file',
      'national_id\tfull_name\temail\n1\t2\t3\n',
      [
        '1:national_id\tfull_name\temail:unknown_column',
        '1:national_id:missing_column',
        '1:full_name:missing_column',
        '1:email:missing_column',
      ],
    ],
  ])('refuses %s, saying where', (_, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('refuses more rows than allowed as a whole', () => {
    const text = 'national_id,full_name,email\n' + 'a,b,c\n'.repeat(101);
    expect(codes(text)).toEqual(['0:file:too_many_rows']);
  });

  it('takes back the quote a spreadsheet export puts before a formula-like value', () => {
    const result = readTable("national_id,full_name,email\n1,'=Ali,a@x.az\n", spec);
    expect(result.ok && result.rows[0]!.cells.full_name).toBe('=Ali');
  });
});

describe('checking candidate and booking rows', () => {
  const table = (text: string) => {
    const result = readTable(text, {
      required: ['national_id'],
      optional: ['full_name', 'email', 'language', 'national_id_scheme', 'sitting', 'room'],
      maxRows: 100,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.rows;
  };

  it('checks national IDs with the validators, names, e-mails and languages, and duplicates in the file', () => {
    const rows = table(
      [
        'national_id,full_name,email,language,national_id_scheme',
        '5zk7a2b,Əli Əliyev,ALI@x.az,ru,',
        '5ZK7A2B,Vəli,veli@x.az,,',
        'I000000,,not-an-email,fr,',
        '5ZK7A2C,Pərvin,ali@x.az,en,',
        '123,Asel,asel@x.kz,ru,KZ_IIN',
        '5ZK7A2D,X,x@x.az,az,US_SSN',
      ].join('\n'),
    );
    const { candidates, problems } = candidateRows(rows, registry);
    expect(candidates[0]).toEqual({
      line: 2,
      nationalIdScheme: 'AZ_FIN',
      nationalId: '5ZK7A2B',
      fullName: 'Əli Əliyev',
      email: 'ali@x.az',
      language: 'ru',
    });
    expect(problems.map((p) => `${p.row}:${p.field}:${p.code}`).sort()).toEqual(
      [
        '3:national_id:duplicate_in_file',
        '4:national_id:national_id.characters',
        '4:full_name:required',
        '4:email:format',
        '4:language:unknown',
        '5:email:duplicate_in_file',
        '6:national_id:national_id.length',
        '7:national_id_scheme:unknown',
      ].sort(),
    );
  });

  it('refuses the same person twice in one sitting, but not in two', () => {
    const rows = table('national_id,sitting,room\n5ZK7A2B,S-1,\n5ZK7A2B,S-2,Otaq 1\n5zk7a2b,S-1,\n');
    const { bookings, problems } = bookingRows(rows, registry);
    expect(bookings.map((b) => b.roomName)).toEqual([null, 'Otaq 1', null]);
    expect(problems).toEqual([
      { row: 4, field: 'national_id', code: 'duplicate_in_file', message: 'The same national_id as line 2.' },
    ]);
  });
});
