import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { prepared } from '../../../db/prepared';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { insertRow } from '../../../db/row-writes';
import { rowsOf } from '../../../db/rows';
import {
  attempts,
  bookings,
  categories,
  publishedResults,
  resultPublications,
  sittings,
  users,
  type ResultPublication,
  type Sitting,
} from '../../../db/schema/index';

/** A candidate's result as the log last published it. */
export interface PublishedResultRow {
  attemptId: string;
  candidateCode: string;
  points: number;
  maxPoints: number;
  passed: boolean;
  logIndex: number;
  leafHash: string;
}

export function createResultsRepository(db: Db) {
  const passListVersion = prepared(db, 'results_pass_list_version', (on) =>
    on
      .select({
        publishedAt: sql<Date | string | null>`s.results_published_at`,
        updatedAt: sql<Date | string>`s.updated_at`,
        revision: sql<
          number | string | null
        >`(select max(rp.revision) from result_publications rp where rp.sitting_id = s.id)`,
      })
      // Aliased, so the subquery's reference is to this row and not to its own table's id.
      .from(sql`${sittings} s`)
      .where(sql`s.id = ${sql.placeholder('id')}`),
  );

  return {
    /**
     * What the public pass list of a sitting depends on besides its publications' rows, which are only
     * ever added: its latest revision and the sitting row's last change. Undefined when it is unpublished.
     */
    async passListVersion(sittingId: string): Promise<{ revision: number; updatedAt: Date } | undefined> {
      const [row] = await passListVersion({ id: sittingId });
      if (!row?.publishedAt || row.revision === null) return undefined;
      return { revision: Number(row.revision), updatedAt: new Date(row.updatedAt) };
    },

    async sitting(id: string) {
      const [row] = await executor(db)
        .select({ sitting: sittings, category: categories })
        .from(sittings)
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .where(eq(sittings.id, id));
      return row;
    },

    async lockSitting(id: string): Promise<Sitting | undefined> {
      return lockRow(db, sittings, id);
    },

    /** Whether any attempt of the sitting is still running, or within its grace, at `now`. */
    async running(sittingId: string, now: Date, graceMs: number): Promise<boolean> {
      const [row] = await executor(db)
        .select({ n: sql<number>`count(*)::int` })
        .from(attempts)
        .where(
          and(
            eq(attempts.sittingId, sittingId),
            eq(attempts.status, 'started'),
            sql`${attempts.deadline} + ${graceMs} * interval '1 millisecond' >= ${now.toISOString()}::timestamptz`,
          ),
        );
      return Number(row?.n ?? 0) > 0;
    },

    async startedIds(sittingId: string): Promise<string[]> {
      const rows = await executor(db)
        .select({ id: attempts.id })
        .from(attempts)
        .where(and(eq(attempts.sittingId, sittingId), eq(attempts.status, 'started')))
        .orderBy(asc(attempts.id));
      return rows.map((r) => r.id);
    },

    /** Every attempt of the sitting (one per registered candidate) with the candidate's code and name. */
    async roster(sittingId: string) {
      return executor(db)
        .select({
          attemptId: attempts.id,
          userId: attempts.userId,
          status: attempts.status,
          result: attempts.result,
          scoringHold: attempts.scoringHold,
          candidateCode: bookings.candidateCode,
          bookingId: bookings.id,
          fullName: users.fullName,
        })
        .from(attempts)
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .innerJoin(users, eq(users.id, attempts.userId))
        .where(eq(attempts.sittingId, sittingId))
        .orderBy(asc(bookings.candidateCode));
    },

    async latestPublication(sittingId: string): Promise<ResultPublication | undefined> {
      const [row] = await executor(db)
        .select()
        .from(resultPublications)
        .where(eq(resultPublications.sittingId, sittingId))
        .orderBy(desc(resultPublications.revision))
        .limit(1);
      return row;
    },

    /**
     * Each candidate's result as last published: the newest publication that logged it. The maximum is
     * read from the log entry itself, so the pass list shows exactly what the log holds.
     */
    async published(sittingId: string): Promise<PublishedResultRow[]> {
      const result = await executor(db).execute(sql`
        select distinct on (pr.attempt_id)
          pr.attempt_id, b.candidate_code, pr.points, pr.passed, pr.log_index, pr.leaf_hash,
          (convert_from(le.entry, 'UTF8')::jsonb ->> 'maxPoints') as max_points
        from published_results pr
        join result_publications p on p.id = pr.publication_id
        join attempts a on a.id = pr.attempt_id
        join bookings b on b.id = a.booking_id
        join log_entries le on le.idx = pr.log_index
        where p.sitting_id = ${sittingId}::uuid
        order by pr.attempt_id, p.revision desc`);
      return rowsOf<{
        attempt_id: string;
        candidate_code: string;
        points: string;
        passed: boolean;
        log_index: number | string;
        leaf_hash: string;
        max_points: string;
      }>(result).map((r) => ({
        attemptId: r.attempt_id,
        candidateCode: r.candidate_code,
        points: Number(r.points),
        maxPoints: Number(r.max_points),
        passed: r.passed,
        logIndex: Number(r.log_index),
        leafHash: r.leaf_hash,
      }));
    },

    /**
     * A candidate's place among those whose results were published: 1 + how many scored strictly more
     * (competition ranking, as `competitionRanks`), of how many. Null when nothing of theirs is published.
     */
    async rank(sittingId: string, attemptId: string): Promise<{ position: number; of: number } | null> {
      const result = await executor(db).execute(sql`
        with latest as (
          select distinct on (pr.attempt_id) pr.attempt_id, pr.points
          from published_results pr
          join result_publications p on p.id = pr.publication_id
          where p.sitting_id = ${sittingId}::uuid
          order by pr.attempt_id, p.revision desc
        ), mine as (select points from latest where attempt_id = ${attemptId}::uuid)
        select
          (select count(*) from latest, mine where latest.points > mine.points)::int + 1 as position,
          (select count(*) from latest)::int as total,
          (select count(*) from mine)::int as present`);
      const [row] = rowsOf<{ position: number; total: number; present: number }>(result);
      if (!row || Number(row.present) === 0) return null;
      return { position: Number(row.position), of: Number(row.total) };
    },

    async insertPublication(row: typeof resultPublications.$inferInsert): Promise<ResultPublication> {
      return insertRow(db, resultPublications, row);
    },

    async insertPublishedResults(rows: (typeof publishedResults.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 500)
        await executor(db)
          .insert(publishedResults)
          .values(rows.slice(i, i + 500));
    },

    async markPublished(sittingId: string, publishedAt: Date, appealClosesAt: Date): Promise<void> {
      await executor(db)
        .update(sittings)
        .set({ resultsPublishedAt: publishedAt, appealClosesAt, updatedAt: publishedAt })
        .where(eq(sittings.id, sittingId));
    },

    /** Every sitting with published results and its latest publication, newest sitting first. */
    async publishedSittings() {
      return executor(db)
        .select({ sitting: sittings, category: categories, publication: resultPublications })
        .from(sittings)
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .innerJoin(
          resultPublications,
          and(
            eq(resultPublications.sittingId, sittings.id),
            sql`${resultPublications.revision} = (select max(rp.revision) from result_publications rp where rp.sitting_id = ${sittings.id})`,
          ),
        )
        .where(isNotNull(sittings.resultsPublishedAt))
        .orderBy(desc(sittings.startsAt));
    },
  };
}

export type ResultsRepository = ReturnType<typeof createResultsRepository>;
