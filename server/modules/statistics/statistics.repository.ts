import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { rowsOf } from '../../../db/rows';
import type { Blueprint } from '../../core/blueprint';
import type { ItemAnalysis } from '../../core/item-statistics/index';
import type { QuestionContent, QuestionKey } from '../../core/question';
import type { ItemResult } from '../../core/scoring/index';

export interface StoredStatistics {
  sittingId: string;
  revision: number;
  attempts: number;
  analysis: ItemAnalysis;
  logIndex: number | null;
  leafHash: string | null;
  computedAt: Date;
}

export interface StatisticsSitting {
  id: string;
  code: string;
  blueprint: Blueprint | null;
  startsAt: Date;
  revision: number | null;
}

/** One scored attempt as the statistics read it: its item results and the options it chose, by version. */
export interface ScoredAttemptRow {
  id: string;
  items: ItemResult[];
  choices: Record<string, string[]> | null;
}

export interface VersionRow {
  id: string;
  questionId: string;
  content: QuestionContent;
  key: QuestionKey;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export function createStatisticsRepository(db: Db) {
  return {
    /** Published sittings whose statistics are missing or older than their latest publication revision. */
    async staleSittings(
      limit: number,
      skip: readonly { sittingId: string; revision: number }[] = [],
    ): Promise<{ sittingId: string; revision: number }[]> {
      const skipped = skip.map((s) => sql`(p.sitting_id = ${s.sittingId}::uuid and p.revision = ${s.revision})`);
      const rows = rowsOf<{ sitting_id: string; revision: number }>(
        await executor(db).execute(sql`
          select p.sitting_id, p.revision
          from (select sitting_id, max(revision) as revision from result_publications group by sitting_id) p
          left join item_statistics s on s.sitting_id = p.sitting_id
          where (s.sitting_id is null or s.revision < p.revision)
            and not (${skipped.length ? sql.join(skipped, sql` or `) : sql`false`})
          order by p.sitting_id
          limit ${limit}`),
      );
      return rows.map((r) => ({ sittingId: r.sitting_id, revision: Number(r.revision) }));
    },

    async sitting(sittingId: string): Promise<StatisticsSitting | null> {
      const [row] = rowsOf<{
        id: string;
        code: string;
        blueprint: Blueprint | null;
        starts_at: Date | string;
        revision: number | null;
      }>(
        await executor(db).execute(sql`
          select s.id, s.code, s.blueprint, s.starts_at,
                 (select max(revision) from result_publications p where p.sitting_id = s.id) as revision
          from sittings s where s.id = ${sittingId}`),
      );
      if (!row) return null;
      return {
        id: row.id,
        code: row.code,
        blueprint: row.blueprint,
        startsAt: toDate(row.starts_at),
        revision: row.revision === null ? null : Number(row.revision),
      };
    },

    /**
     * Every scored attempt of the sitting in one query: submitted, with a result, and not held back
     * (a held attempt counts once an administrator has released it). Chosen options come aggregated per attempt.
     */
    async scoredAttempts(sittingId: string): Promise<ScoredAttemptRow[]> {
      const rows = rowsOf<{ id: string; items: ItemResult[]; choices: Record<string, string[]> | null }>(
        await executor(db).execute(sql`
          select a.id, a.result->'items' as items,
                 (select jsonb_object_agg(aa.version_id::text, aa.answer->'optionIds')
                    from attempt_answers aa
                   where aa.attempt_id = a.id and aa.answer->>'kind' = 'choice') as choices
          from attempts a
          where a.sitting_id = ${sittingId}
            and a.status = 'submitted'
            and a.result is not null
            and (a.scoring_hold is null or a.scoring_hold ? 'release')
          order by a.id`),
      );
      return rows.map((r) => ({
        id: r.id,
        items: typeof r.items === 'string' ? (JSON.parse(r.items) as ItemResult[]) : r.items,
        choices: typeof r.choices === 'string' ? (JSON.parse(r.choices) as Record<string, string[]>) : r.choices,
      }));
    },

    /** The versions' content and the key in force (the latest key ruling, else the authored key). */
    async versions(versionIds: readonly string[]): Promise<VersionRow[]> {
      if (versionIds.length === 0) return [];
      const rows = rowsOf<{ id: string; question_id: string; content: QuestionContent; key: QuestionKey }>(
        await executor(db).execute(sql`
          select v.id, v.question_id, v.content,
                 coalesce((select r.key from item_rulings r
                            where r.version_id = v.id and r.kind = 'key' and r.key is not null
                            order by r.created_at desc limit 1), v.answer_key) as key
          from question_versions v
          where v.id in (${sql.join(
            versionIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`),
      );
      return rows.map((r) => ({ id: r.id, questionId: r.question_id, content: r.content, key: r.key }));
    },

    async stored(sittingId: string): Promise<StoredStatistics | null> {
      const [row] = rowsOf<{
        sitting_id: string;
        revision: number;
        attempts: number;
        analysis: ItemAnalysis | string;
        log_index: number | string | null;
        leaf_hash: string | null;
        computed_at: Date | string;
      }>(await executor(db).execute(sql`select * from item_statistics where sitting_id = ${sittingId}`));
      if (!row) return null;
      return {
        sittingId: row.sitting_id,
        revision: Number(row.revision),
        attempts: Number(row.attempts),
        analysis: typeof row.analysis === 'string' ? (JSON.parse(row.analysis) as ItemAnalysis) : row.analysis,
        logIndex: row.log_index === null ? null : Number(row.log_index),
        leafHash: row.leaf_hash,
        computedAt: toDate(row.computed_at),
      };
    },

    /**
     * Takes the sitting's statistics lock for the transaction and tells whether `revision` is still to be
     * stored: two processes' jobs may pick the same sitting, and only one may log and store it.
     */
    async claim(sittingId: string, revision: number): Promise<boolean> {
      await executor(db).execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`item_statistics:${sittingId}`}, 0))`,
      );
      const [row] = rowsOf<{ revision: number }>(
        await executor(db).execute(sql`select revision from item_statistics where sitting_id = ${sittingId}`),
      );
      return !row || Number(row.revision) < revision;
    },

    /** Stores (or replaces) a sitting's statistics; a replacement only moves forward in revision. */
    async store(row: StoredStatistics): Promise<void> {
      await executor(db).execute(sql`
        insert into item_statistics (sitting_id, revision, attempts, analysis, log_index, leaf_hash, computed_at)
        values (${row.sittingId}, ${row.revision}, ${row.attempts}, ${JSON.stringify(row.analysis)}::jsonb,
                ${row.logIndex}, ${row.leafHash}, ${row.computedAt.toISOString()})
        on conflict (sitting_id) do update set
          revision = excluded.revision, attempts = excluded.attempts, analysis = excluded.analysis,
          log_index = excluded.log_index, leaf_hash = excluded.leaf_hash, computed_at = excluded.computed_at
        where item_statistics.revision < excluded.revision`);
    },

    async questionExists(questionId: string): Promise<boolean> {
      const rows = rowsOf<{ id: string }>(
        await executor(db).execute(sql`select id from questions where id = ${questionId}`),
      );
      return rows.length > 0;
    },

    /** Stored statistics of every sitting in which a version of the question appeared, newest first. */
    async forQuestion(questionId: string): Promise<
      {
        sittingId: string;
        code: string;
        startsAt: Date;
        computedAt: Date;
        analysis: Pick<ItemAnalysis, 'items'> & {
          labels: Record<string, { questionId: string | null; positions: number[] }>;
        };
      }[]
    > {
      const rows = rowsOf<{
        sitting_id: string;
        code: string;
        starts_at: Date | string;
        computed_at: Date | string;
        items: ItemAnalysis['items'] | string;
        labels: Record<string, { questionId: string | null; positions: number[] }> | string;
      }>(
        await executor(db).execute(sql`
          select st.sitting_id, s.code, s.starts_at, st.computed_at, st.analysis->'items' as items, st.analysis->'labels' as labels
          from item_statistics st join sittings s on s.id = st.sitting_id
          where jsonb_path_exists(st.analysis->'labels', '$.* ? (@.questionId == $q)', jsonb_build_object('q', ${questionId}::text))
          order by s.starts_at desc, s.code
          limit 200`),
      );
      const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
      return rows.map((r) => ({
        sittingId: r.sitting_id,
        code: r.code,
        startsAt: toDate(r.starts_at),
        computedAt: toDate(r.computed_at),
        analysis: { items: parse(r.items), labels: parse(r.labels) },
      }));
    },

    /** Sittings with published results, newest first, with whether their statistics are ready. */
    async list(): Promise<
      {
        sittingId: string;
        code: string;
        startsAt: Date;
        revision: number;
        computedRevision: number | null;
        computedAt: Date | null;
        attempts: number | null;
      }[]
    > {
      const rows = rowsOf<{
        id: string;
        code: string;
        starts_at: Date | string;
        revision: number;
        computed_revision: number | null;
        computed_at: Date | string | null;
        attempts: number | null;
      }>(
        await executor(db).execute(sql`
          select s.id, s.code, s.starts_at, p.revision, st.revision as computed_revision, st.computed_at, st.attempts
          from sittings s
          join (select sitting_id, max(revision) as revision from result_publications group by sitting_id) p
            on p.sitting_id = s.id
          left join item_statistics st on st.sitting_id = s.id
          order by s.starts_at desc, s.code
          limit 500`),
      );
      return rows.map((r) => ({
        sittingId: r.id,
        code: r.code,
        startsAt: toDate(r.starts_at),
        revision: Number(r.revision),
        computedRevision: r.computed_revision === null ? null : Number(r.computed_revision),
        computedAt: r.computed_at === null ? null : toDate(r.computed_at),
        attempts: r.attempts === null ? null : Number(r.attempts),
      }));
    },
  };
}

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
