import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import type { Blueprint } from '../../../db/domain/blueprint';
import type { Paper } from '../../../db/domain/paper';
import type { Answer, ScoringResult } from '../../../db/domain/scoring';
import { rowsOf } from '../../../db/rows';
import { bookings, users } from '../../../db/schema/index';
import { executor } from '../../../db/transaction';

/** Rows per insert: a thousand candidates' hundred answers go in a few hundred statements, not a hundred thousand. */
const CHUNK = 1000;
const ANSWER_CHUNK = 10_000;

export interface SimulatedApplicant {
  fullName: string;
  email: string;
  candidateCode: string;
  ticketToken: string;
}

export interface SatAttempt {
  id: string;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date;
  result: ScoringResult;
  answers: { versionId: string; answer: Answer }[];
}

/**
 * The demo population's bulk writes. A thousand sign-ups (an Argon2id hash each) and a hundred thousand autosaves
 * through the services would take minutes; these write the same rows in a few statements. The sittings, the
 * close of booking (which draws every paper), the scoring rules and the publication still go through the services.
 */
export function createDemoPopulationRepository(db: Db) {
  return {
    /**
     * Simulated applicants and their bookings in one room. Their password hash is no hash, so nobody can sign
     * in as one of them.
     */
    async seat(sittingId: string, roomId: string, people: readonly SimulatedApplicant[], at: Date): Promise<void> {
      for (let from = 0; from < people.length; from += CHUNK) {
        const chunk = people.slice(from, from + CHUNK);
        const ids = await executor(db)
          .insert(users)
          .values(
            chunk.map((p) => ({ fullName: p.fullName, email: p.email, passwordHash: '!simulated', createdAt: at })),
          )
          .returning({ id: users.id });
        await executor(db)
          .insert(bookings)
          .values(
            chunk.map((p, k) => ({
              sittingId,
              userId: ids[k]!.id,
              roomId,
              seat: from + k + 1,
              candidateCode: p.candidateCode,
              ticketToken: p.ticketToken,
              createdAt: at,
            })),
          );
      }
    },

    /**
     * The papers drawn when booking closed, and the blueprint they were drawn and are scored by, in seat order
     * with each candidate's code: attempt ids are random, so neither may be what the simulation is keyed by.
     */
    async drawn(
      sittingId: string,
    ): Promise<{ blueprint: Blueprint; attempts: { id: string; candidateCode: string; paper: Paper }[] }> {
      const [sitting] = rowsOf<{ blueprint: Blueprint | string }>(
        await executor(db).execute(sql`select blueprint from sittings where id = ${sittingId}`),
      );
      const rows = rowsOf<{ id: string; candidate_code: string; paper: Paper | string }>(
        await executor(db).execute(sql`
          select a.id, b.candidate_code, a.paper
          from attempts a join bookings b on b.id = a.booking_id
          where a.sitting_id = ${sittingId}
          order by b.seat, b.candidate_code`),
      );
      const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
      return {
        blueprint: parse(sitting!.blueprint),
        attempts: rows.map((r) => ({ id: r.id, candidateCode: r.candidate_code, paper: parse(r.paper) })),
      };
    },

    /** Every attempt started, answered and submitted with its result, as `finalise()` would have scored it. */
    async sat(rows: readonly SatAttempt[]): Promise<void> {
      // One JSON parameter per statement: binding five parameters per row is what makes row inserts slow.
      const answers = rows.flatMap((r) =>
        r.answers.map((a) => ({
          attempt_id: r.id,
          version_id: a.versionId,
          answer: a.answer,
          saved_at: r.submittedAt,
        })),
      );
      for (let from = 0; from < answers.length; from += ANSWER_CHUNK) {
        await executor(db).execute(sql`
          insert into attempt_answers (attempt_id, version_id, answer, seq, saved_at)
          select x.attempt_id, x.version_id, x.answer, 1, x.saved_at
          from jsonb_to_recordset(${JSON.stringify(answers.slice(from, from + ANSWER_CHUNK))}::jsonb)
               as x(attempt_id uuid, version_id uuid, answer jsonb, saved_at timestamptz)`);
      }
      for (let from = 0; from < rows.length; from += CHUNK) {
        const chunk = rows.slice(from, from + CHUNK).map((r) => ({
          id: r.id,
          started_at: r.startedAt.toISOString(),
          deadline: r.deadline.toISOString(),
          submitted_at: r.submittedAt.toISOString(),
          result: r.result,
          points: String(r.result.points),
          passed: r.result.passed,
        }));
        await executor(db).execute(sql`
          update attempts a set status = 'submitted', started_at = x.started_at, deadline = x.deadline,
                 submitted_at = x.submitted_at, finalised_by = 'candidate', result = x.result,
                 points = x.points::numeric, passed = x.passed
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
               as x(id uuid, started_at timestamptz, deadline timestamptz, submitted_at timestamptz,
                    result jsonb, points text, passed boolean)
          where a.id = x.id and a.status = 'ready'`);
      }
    },
  };
}

export type DemoPopulationRepository = ReturnType<typeof createDemoPopulationRepository>;
