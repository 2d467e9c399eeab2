import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../db/schema/index';
import { postAs } from '../factories/calls';
import {
  atStart,
  readySitting,
  startRequest,
  type Candidate,
  type ExamBank,
  type Person,
  type SittingView,
} from '../factories/sittings';
import type { TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { MINUTE } from '../helpers/exam';

/**
 * A candidate stopped at the door cannot start: the last mark at the door (absent or turned away)
 * refuses the start until it is corrected to present; no mark at all starts as always; a mark and a
 * start at once end in one consistent outcome, never a turned-away candidate writing.
 */
let t: TestApp;
let admin: Person;
let bank: ExamBank;
let sitting: SittingView;
let candidates: Candidate[];

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  ({ sitting, candidates } = await readySitting(t, admin, bank, { candidates: 8 }));
  atStart(t, sitting, MINUTE);
});

const roomOf = (c: Candidate) => sitting.rooms.find((r) => r.name === c.booking.room)!.id;
const mark = (c: Candidate, body: { mark: string; reason?: string }) =>
  postAs(t, admin, `/api/invigilation/rooms/${roomOf(c)}/attendance`, { bookingId: c.booking.id, ...body });
const attemptOf = async (c: Candidate) =>
  (await t.database.db.select().from(attempts).where(eq(attempts.bookingId, c.booking.id)))[0]!;

describe('starting after the door check', () => {
  it('refuses a candidate turned away, writing nothing, until the mark is corrected to present', async () => {
    const c = candidates[0]!;
    expect((await mark(c, { mark: 'turned-away', reason: 'No identity document' })).statusCode).toBe(200);
    const refused = await startRequest(t, c, c.booking.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'bookingId', code: 'attempt.turned_away' });
    expect(await attemptOf(c)).toMatchObject({ status: 'ready', startedAt: null, deadline: null });

    expect((await mark(c, { mark: 'present', reason: 'Document brought' })).statusCode).toBe(200);
    const started = await startRequest(t, c, c.booking.id);
    expect(started.statusCode).toBe(200);
    expect((await attemptOf(c)).status).toBe('started');
  });

  it('refuses a candidate marked absent', async () => {
    const c = candidates[1]!;
    expect((await mark(c, { mark: 'absent' })).statusCode).toBe(200);
    const refused = await startRequest(t, c, c.booking.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'bookingId', code: 'attempt.marked_absent' });
    expect((await attemptOf(c)).status).toBe('ready');
  });

  it('starts a candidate with no mark at all (a centre without the door check) or marked present', async () => {
    expect((await startRequest(t, candidates[2]!, candidates[2]!.booking.id)).statusCode).toBe(200);
    expect((await mark(candidates[3]!, { mark: 'present' })).statusCode).toBe(200);
    expect((await startRequest(t, candidates[3]!, candidates[3]!.booking.id)).statusCode).toBe(200);
  });

  it('lets exactly one of a turn-away and a start made at once win, consistently', async () => {
    for (const c of candidates.slice(4)) {
      const [marked, started] = await Promise.all([
        mark(c, { mark: 'turned-away', reason: 'Phone found' }),
        startRequest(t, c, c.booking.id),
      ]);
      const attempt = await attemptOf(c);
      if (marked.statusCode === 200) {
        expect(started.statusCode, started.body).toBe(409);
        expect(started.json().error.fields[0].code).toBe('attempt.turned_away');
        expect(attempt.status).toBe('ready');
      } else {
        expect(marked.statusCode, marked.body).toBe(409);
        expect(marked.json().error.fields[0].code).toBe('attendance.already_started');
        expect(started.statusCode, started.body).toBe(200);
        expect(attempt.status).toBe('started');
      }
      // A start after the race agrees with its outcome.
      expect((await startRequest(t, c, c.booking.id)).statusCode).toBe(marked.statusCode === 200 ? 409 : 200);
    }
  });
});
