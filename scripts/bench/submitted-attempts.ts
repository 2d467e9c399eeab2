import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Blueprint } from '../../db/domain/blueprint';
import type { Paper } from '../../db/domain/paper';
import type { Answer, ScoringResult } from '../../db/domain/scoring';
import { attempts, sittingRooms, sittings } from '../../db/schema/index';
import { EXAM_ENV, examBank, readySitting, staffMember } from '../../tests/factories/sittings';
import { createTestApp } from '../../tests/helpers/app';
import { seatCandidates } from './seat-candidates';

/** Candidates seated, and their attempts inserted, per round trip. */
const CHUNK = 500;

/** A throw-away app with the exam bank and one ready sitting, for a bench to fill with submitted attempts. */
export async function benchSitting(env: Record<string, string> = {}) {
  const t = await createTestApp({ ...EXAM_ENV, ...env });
  const db = t.database.db;
  const admin = await staffMember(t, 'administrator');
  const bank = await examBank(t);
  const { sitting } = await readySitting(t, admin, bank, { candidates: 1 });
  const [room] = await db.select().from(sittingRooms).where(eq(sittingRooms.sittingId, sitting.id));
  const [stored] = await db.select().from(sittings).where(eq(sittings.id, sitting.id));
  return { t, admin, bank, sitting, roomId: room!.id, blueprint: stored!.blueprint as Blueprint };
}

export type BenchSitting = Awaited<ReturnType<typeof benchSitting>>;

/** What a bench makes of one candidate's attempt: the paper, the answers saved and the result they scored. */
export interface SubmittedAttempt {
  paper: Paper;
  answers: { versionId: string; answer: Answer }[];
  result: ScoringResult;
}

/**
 * Seats `count` candidates in the bench sitting and stores a submitted attempt for each, as `attemptOf` makes it
 * (given the candidate's index and the attempt's id), straight into the database: users, bookings, attempts with
 * their results, and the answers. Returns the seconds it took.
 */
export async function insertSubmittedAttempts(
  bench: BenchSitting,
  options: { count: number; prefix: string; startedAt: Date; submittedAt: Date },
  attemptOf: (index: number, attemptId: string) => SubmittedAttempt,
): Promise<number> {
  const db = bench.t.database.db;
  const { startedAt, submittedAt } = options;
  const started = performance.now();
  for (let from = 0; from < options.count; from += CHUNK) {
    const n = Math.min(CHUNK, options.count - from);
    const where = { sittingId: bench.sitting.id, roomId: bench.roomId, prefix: options.prefix };
    const bookingRows = await seatCandidates(db, where, from, n, submittedAt);
    const answerRows: { attempt_id: string; version_id: string; answer: Answer; saved_at: Date }[] = [];
    const attemptRows = bookingRows.map((booking, k) => {
      const id = randomUUID();
      const { paper, answers, result } = attemptOf(from + k, id);
      for (const a of answers) {
        answerRows.push({ attempt_id: id, version_id: a.versionId, answer: a.answer, saved_at: submittedAt });
      }
      return {
        id,
        bookingId: booking.id,
        sittingId: bench.sitting.id,
        userId: booking.userId,
        seed: paper.seed,
        paper,
        versionIds: paper.sections.flatMap((s) => s.items.map((item) => item.versionId)),
        status: 'submitted' as const,
        startedAt,
        deadline: submittedAt,
        submittedAt,
        finalisedBy: 'candidate' as const,
        result,
        points: String(result.points),
        passed: result.passed,
        createdAt: submittedAt,
      };
    });
    await db.insert(attempts).values(attemptRows);
    // One JSON parameter per statement: a hundred answers per candidate as bound row values would be the slow part.
    for (let i = 0; i < answerRows.length; i += 20 * CHUNK) {
      await db.execute(sql`
        insert into attempt_answers (attempt_id, version_id, answer, seq, saved_at)
        select x.attempt_id, x.version_id, x.answer, 1, x.saved_at
        from jsonb_to_recordset(${JSON.stringify(answerRows.slice(i, i + 20 * CHUNK))}::jsonb)
             as x(attempt_id uuid, version_id uuid, answer jsonb, saved_at timestamptz)`);
    }
  }
  return (performance.now() - started) / 1000;
}
