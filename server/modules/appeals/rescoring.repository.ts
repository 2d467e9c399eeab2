import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  attemptAnswers,
  attempts,
  bookings,
  itemRulings,
  rescoringChanges,
  rescoringJobs,
  sittings,
  users,
  type RescoringJob,
  type ScoringHold,
} from '../../../db/schema/index';
import type { Answer, ScoringResult } from '../../core/scoring/index';

/** Attempts that carried a version and have a result to re-score. */
const carrying = (versionId: string) =>
  and(eq(attempts.status, 'submitted'), sql`${attempts.versionIds} @> array[${versionId}]::uuid[]`);

export interface RescoredAttempt {
  id: string;
  result: ScoringResult;
  points: string;
  passed: boolean;
}

export function createRescoringRepository(db: Db) {
  const jobColumns = {
    job: rescoringJobs,
    versionId: itemRulings.versionId,
    kind: itemRulings.kind,
    changed: sql<number>`(select count(*)::int from rescoring_changes c where c.job_id = ${rescoringJobs.id})`,
  };

  return {
    async count(versionId: string): Promise<number> {
      const [row] = await executor(db)
        .select({ n: sql<number>`count(*)::int` })
        .from(attempts)
        .where(carrying(versionId));
      return Number(row?.n ?? 0);
    },

    async insert(row: typeof rescoringJobs.$inferInsert): Promise<RescoringJob> {
      return insertRow(db, rescoringJobs, row);
    },

    /** The job with its ruling's version, locked: one batch of a job runs at a time, in any process. */
    async lock(id: string) {
      const [row] = await executor(db)
        .select({ job: rescoringJobs, versionId: itemRulings.versionId })
        .from(rescoringJobs)
        .innerJoin(itemRulings, eq(itemRulings.id, rescoringJobs.rulingId))
        .where(eq(rescoringJobs.id, id))
        .for('update', { of: rescoringJobs });
      return row;
    },

    async update(id: string, set: Partial<typeof rescoringJobs.$inferInsert>) {
      await updateRow(db, rescoringJobs, id, set);
    },

    /** The next attempts after the cursor, in id order, locked against a concurrent annulment. */
    async batch(versionId: string, cursor: string | null, size: number) {
      return executor(db)
        .select({
          id: attempts.id,
          sittingId: attempts.sittingId,
          paper: attempts.paper,
          result: attempts.result,
          points: attempts.points,
          passed: attempts.passed,
        })
        .from(attempts)
        .where(and(carrying(versionId), cursor ? gt(attempts.id, cursor) : undefined))
        .orderBy(asc(attempts.id))
        .limit(size)
        .for('update');
    },

    /** The saved answers of these attempts, in one query. */
    async answers(attemptIds: string[]) {
      if (attemptIds.length === 0) return [];
      return executor(db)
        .select({
          attemptId: attemptAnswers.attemptId,
          versionId: attemptAnswers.versionId,
          answer: attemptAnswers.answer,
        })
        .from(attemptAnswers)
        .where(and(inArray(attemptAnswers.attemptId, attemptIds), isNotNull(attemptAnswers.answer)))
        .then((rows) => rows as { attemptId: string; versionId: string; answer: Answer }[]);
    },

    /** The blueprints frozen with these sittings, which scoring reads. */
    async blueprints(sittingIds: string[]) {
      if (sittingIds.length === 0) return [];
      return executor(db)
        .select({ id: sittings.id, blueprint: sittings.blueprint })
        .from(sittings)
        .where(inArray(sittings.id, sittingIds));
    },

    /** Writes a batch's new results in one statement. */
    async storeResults(rows: RescoredAttempt[]) {
      if (rows.length === 0) return;
      await executor(db).execute(sql`
        update attempts a
        set result = v.result, points = v.points, passed = v.passed
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, result jsonb, points numeric, passed boolean)
        where a.id = v.id`);
    },

    /** Holds back attempts that could not be re-scored; their last result stays until one is released. */
    async hold(rows: { id: string; hold: ScoringHold }[]) {
      if (rows.length === 0) return;
      await executor(db).execute(sql`
        update attempts a
        set scoring_hold = v.hold
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, hold jsonb)
        where a.id = v.id`);
    },

    /** Records the changes; one per attempt and job, so a batch run twice records nothing twice. */
    async insertChanges(rows: (typeof rescoringChanges.$inferInsert)[]) {
      if (rows.length === 0) return;
      await executor(db).insert(rescoringChanges).values(rows).onConflictDoNothing();
    },

    /** Jobs not done yet, oldest first. */
    async unfinished(): Promise<string[]> {
      const rows = await executor(db)
        .select({ id: rescoringJobs.id })
        .from(rescoringJobs)
        .where(inArray(rescoringJobs.status, ['queued', 'running']))
        .orderBy(asc(rescoringJobs.createdAt), asc(rescoringJobs.id));
      return rows.map((r) => r.id);
    },

    async list() {
      return executor(db)
        .select(jobColumns)
        .from(rescoringJobs)
        .innerJoin(itemRulings, eq(itemRulings.id, rescoringJobs.rulingId))
        .orderBy(desc(rescoringJobs.createdAt), asc(rescoringJobs.id));
    },

    async find(id: string) {
      const [row] = await executor(db)
        .select(jobColumns)
        .from(rescoringJobs)
        .innerJoin(itemRulings, eq(itemRulings.id, rescoringJobs.rulingId))
        .where(eq(rescoringJobs.id, id));
      return row;
    },

    /** The change report: who moved, from what to what, in sitting and candidate-code order. */
    async changes(jobId: string) {
      return executor(db)
        .select({
          change: rescoringChanges,
          sittingId: attempts.sittingId,
          sittingCode: sittings.code,
          published: sql<boolean>`${sittings.resultsPublishedAt} is not null`,
          candidateCode: bookings.candidateCode,
          fullName: users.fullName,
        })
        .from(rescoringChanges)
        .innerJoin(attempts, eq(attempts.id, rescoringChanges.attemptId))
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .innerJoin(users, eq(users.id, attempts.userId))
        .where(eq(rescoringChanges.jobId, jobId))
        .orderBy(asc(sittings.code), asc(bookings.candidateCode));
    },
  };
}

export type RescoringRepository = ReturnType<typeof createRescoringRepository>;
