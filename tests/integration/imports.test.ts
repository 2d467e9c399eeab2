import { and, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookings, sittingRooms, users } from '../../db/schema/index';
import type { ImportAccepted } from '../../server/modules/imports/imports.schemas';
import { createSitting, openBooking, sittingBody, staffMember, applicant, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { auditEntries } from '../helpers/exam';

let t: TestApp, admin: Person, blueprintId: string;
examSuite((suite) => ({ t, admin, blueprintId } = { ...suite, blueprintId: suite.bank.blueprintId }));

interface Problem {
  row: number;
  field: string;
  code: string;
}
type Kind = 'candidates' | 'bookings';

const post = (kind: Kind, content: string, dryRun: boolean, who: Person = admin) =>
  request(t.app, {
    method: 'POST',
    url: `/api/admin/imports/${kind}`,
    cookie: who.cookie,
    payload: { content, dryRun },
  });

const problemsOf = (response: Awaited<ReturnType<typeof post>>) => {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(422);
  const error = response.json<{ error: { code: string; problems: Problem[] } }>().error;
  expect(error.code).toBe('IMPORT_REJECTED');
  return error.problems.map((p) => `${p.row}:${p.field}:${p.code}`);
};

/** FİN letters: digits and capital Latin letters without I and O. */
const FIN_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A valid AZ FİN, distinct for each row `n` of a two-letter batch. */
function fin(batch: string, n: number) {
  let digits = '';
  for (let rest = n, i = 0; i < 5; i++, rest = Math.floor(rest / FIN_ALPHABET.length)) {
    digits = FIN_ALPHABET[rest % FIN_ALPHABET.length]! + digits;
  }
  return `${batch}${digits}`;
}

/** A spreadsheet's export: a byte-order mark, CRLF, and names with commas and quotes. */
function candidatesCsv(batch: string, n: number, from = 0) {
  const lines = ['national_id,full_name,email,language'];
  for (let i = from; i < from + n; i++) {
    lines.push(
      `${fin(batch, i)},"Məmmədov, ""Əli"" ${batch}${i}",namizad.${batch.toLowerCase()}${i}@example.az,${['az', 'ru', 'en'][i % 3]}`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const usersIn = async (batch: string, n: number) =>
  (
    await t.database.db
      .select({ n: count() })
      .from(users)
      .where(
        inArray(
          users.nationalId,
          Array.from({ length: n }, (_, i) => fin(batch, i)),
        ),
      )
  )[0]!.n;

describe('importing candidates', () => {
  const ROWS = 2000;

  it(`checks ${ROWS} rows in a dry run, writing nothing, then imports them all at once, audited`, async () => {
    const csv = candidatesCsv('QA', ROWS);
    let started = performance.now();
    const dry = await post('candidates', csv, true);
    const dryMs = performance.now() - started;
    expect(dry.statusCode, dry.body.slice(0, 300)).toBe(200);
    expect(dry.json<ImportAccepted>()).toEqual({ dryRun: true, rows: ROWS });
    expect(await usersIn('QA', ROWS)).toBe(0);
    expect(await auditEntries(t, 'candidates.imported')).toHaveLength(0);

    started = performance.now();
    const done = await post('candidates', csv, false);
    const confirmMs = performance.now() - started;
    expect(done.statusCode, done.body.slice(0, 300)).toBe(200);
    expect(done.json().dryRun).toBe(false);
    expect(done.json<ImportAccepted>()).toEqual({ dryRun: false, rows: ROWS });
    expect(await usersIn('QA', ROWS)).toBe(ROWS);
    const [first] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.nationalId, fin('QA', 1)));
    expect(first).toMatchObject({
      role: 'applicant',
      nationalIdScheme: 'AZ_FIN',
      fullName: 'Məmmədov, "Əli" QA1',
      email: 'namizad.qa1@example.az',
      locale: 'ru',
      mustChangePassword: true,
      createdBy: admin.id,
    });
    const audited = await auditEntries(t, 'candidates.imported');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: admin.id, details: { count: ROWS } });
    console.info(
      `candidate import of ${ROWS} rows: dry run ${Math.round(dryMs)} ms, confirmed ${Math.round(confirmMs)} ms (${t.database.kind})`,
    );
  });

  it('reports every row already in the database, and adds nothing', async () => {
    const again = problemsOf(await post('candidates', candidatesCsv('QA', 3), false));
    expect(again).toEqual([
      '2:email:taken',
      '2:national_id:taken',
      '3:email:taken',
      '3:national_id:taken',
      '4:email:taken',
      '4:national_id:taken',
    ]);
  });

  it('refuses a whole file for one bad row among many, reporting each problem by line', async () => {
    const lines = candidatesCsv('QB', 500).split('\r\n');
    lines[100] = `${fin('QB', 98)},Təkrar,tekrar@example.az,az`; // line 101 repeats line 100's national ID
    lines[300] = 'I0O0000,,not-an-email,de'; // line 301
    const problems = problemsOf(await post('candidates', lines.join('\r\n'), true));
    expect(problems).toEqual([
      '101:national_id:duplicate_in_file',
      '301:email:format',
      '301:full_name:required',
      '301:language:unknown',
      '301:national_id:national_id.characters',
    ]);
    expect(problemsOf(await post('candidates', lines.join('\r\n'), false))).toEqual(problems);
    expect(await usersIn('QB', 500)).toBe(0);
  });

  it.each([
    [
      'wrong columns',
      'nationalid,name,mail\r\n1,2,3\r\n',
      [
        '1:mail:unknown_column',
        '1:name:unknown_column',
        '1:nationalid:unknown_column',
        '1:email:missing_column',
        '1:full_name:missing_column',
        '1:national_id:missing_column',
      ],
    ],
    ['only a header', '\uFEFFnational_id,full_name,email\r\n', ['2:file:no_rows']],
    ['blank lines only', '\uFEFF\r\n\r\n', ['1:file:empty']],
    ['a broken quote', 'national_id,full_name,email\n5ZK7A2B,"Əli,a@x.az\n', ['2:file:syntax']],
  ])('refuses a file with %s as a whole', async (_, content, expected) => {
    const problems = problemsOf(await post('candidates', content, true));
    expect([...problems].sort()).toEqual([...expected].sort());
  });

  it('refuses empty, oversized and malformed bodies before reading them', async () => {
    expect((await post('candidates', '', true)).statusCode).toBe(400);
    const huge = await post('candidates', `national_id,full_name,email\n${'x'.repeat(5 * 1024 * 1024)}`, true);
    expect([400, 413]).toContain(huge.statusCode);
    const noFlag = await request(t.app, {
      method: 'POST',
      url: '/api/admin/imports/candidates',
      cookie: admin.cookie,
      payload: { content: 'a' },
    });
    expect(noFlag.statusCode).toBe(400);
    expect(noFlag.json<{ error: { fields: { field: string }[] } }>().error.fields[0]!.field).toBe('dryRun');
  });

  it('is for administrators only', async () => {
    const examiner = await staffMember(t, 'examiner');
    const candidate = await applicant(t);
    for (const who of [examiner, candidate]) {
      for (const kind of ['candidates', 'bookings'] as const) {
        expect((await post(kind, candidatesCsv('QZ', 1), true, who)).statusCode).toBe(403);
      }
    }
    expect(await usersIn('QZ', 1)).toBe(0);
  });
});

describe('importing bookings', () => {
  let code: string;
  let sittingId: string;
  beforeAll(async () => {
    const sitting = await createSitting(
      t,
      admin,
      sittingBody(t, blueprintId, {
        rooms: [
          { name: 'Zal A', capacity: 1200 },
          { name: 'Zal B', capacity: 900 },
        ],
      }),
    );
    await openBooking(t, admin, sitting.id);
    ({ code, id: sittingId } = sitting);
  });

  const bookingsCsv = (batch: string, from: number, n: number, room = '') =>
    [
      'national_id,sitting,room',
      ...Array.from({ length: n }, (_, i) => `${fin(batch, from + i)},${code},${room}`),
    ].join('\r\n');
  const seats = () =>
    t.database.db
      .select({ room: sittingRooms.name, seat: bookings.seat, userId: bookings.userId })
      .from(bookings)
      .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
      .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')));

  it('seats 2,000 imported candidates room by room, after a dry run, audited', async () => {
    const csv = bookingsCsv('QA', 0, 2000);
    const dry = await post('bookings', csv, true);
    expect(dry.statusCode, dry.body.slice(0, 300)).toBe(200);
    expect(dry.json<ImportAccepted>()).toEqual({
      dryRun: true,
      rows: 2000,
      sittings: [{ id: sittingId, code, added: 2000 }],
    });
    expect(await seats()).toHaveLength(0);
    const started = performance.now();
    const done = await post('bookings', csv, false);
    const ms = performance.now() - started;
    expect(done.statusCode, done.body.slice(0, 300)).toBe(200);
    expect(done.json().dryRun).toBe(false);
    const taken = await seats();
    expect(taken).toHaveLength(2000);
    const inA = taken
      .filter((s) => s.room === 'Zal A')
      .map((s) => s.seat)
      .sort((a, b) => a - b);
    const inB = taken
      .filter((s) => s.room === 'Zal B')
      .map((s) => s.seat)
      .sort((a, b) => a - b);
    expect(inA).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(inB).toEqual(Array.from({ length: 800 }, (_, i) => i + 1));
    expect(new Set(taken.map((s) => s.userId)).size).toBe(2000);
    const audited = await auditEntries(t, 'bookings.imported', sittingId);
    expect(audited.map((a) => a.details)).toEqual([{ count: 2000, code }]);
    console.info(`booking import of 2000 rows confirmed in ${Math.round(ms)} ms (${t.database.kind})`);
  });

  it('refuses seats beyond the capacity, people already seated, unknown people, sittings and rooms', async () => {
    // 100 seats are left, all in Zal B; QA0–QA1999 are seated already.
    const extra = await post('candidates', candidatesCsv('QC', 151), false);
    expect(extra.statusCode).toBe(200);
    const lines = bookingsCsv('QC', 0, 150).split('\r\n');
    lines.push(
      `${fin('QA', 5)},${code},`,
      `${fin('QD', 0)},${code},`,
      `${fin('QC', 149)},NO-SUCH,`,
      `${fin('QC', 150)},${code},Zal C`,
    );
    const problems = problemsOf(await post('bookings', lines.join('\r\n'), true));
    // Rows 102–151 (QC100–QC149) find no seat; the four added lines are 152–155.
    expect(problems.filter((p) => p.endsWith(':sitting:sitting.full'))).toHaveLength(50);
    expect(problems.filter((p) => !p.endsWith(':sitting:sitting.full'))).toEqual([
      '152:national_id:booking.exists',
      '153:national_id:unknown',
      '154:sitting:unknown',
      '155:room:unknown',
    ]);
    expect(problemsOf(await post('bookings', lines.join('\r\n'), false))).toEqual(problems);
    expect(await seats()).toHaveLength(2000);
  });

  it('gives the last seats to one of two imports sent at once, and refuses the other whole', async () => {
    const first = bookingsCsv('QC', 0, 80, 'Zal B');
    const second = bookingsCsv('QC', 80, 70);
    const answers = await Promise.all([post('bookings', first, false), post('bookings', second, false)]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const taken = await seats();
    expect(taken.length).toBeLessThanOrEqual(2100);
    expect([2080, 2070]).toContain(taken.length);
    const inB = taken.filter((s) => s.room === 'Zal B').map((s) => s.seat);
    expect(new Set(inB).size).toBe(inB.length);
  });
});
