import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { rowsOf } from '../../../db/rows';
import type { Blueprint } from '../../core/blueprint';
import type { ItemAnalysis } from '../../core/item-statistics/index';
import type { QuestionContent, QuestionKey } from '../../core/question';
import type { ItemResult } from '../../core/scoring/index';
import type { BlueprintStatisticsSitting } from '../../../db/schema/statistics';

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
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export interface StoredBlueprintStatistics {
  blueprintId: string;
  basis: string;
  sittings: BlueprintStatisticsSitting[];
  attempts: number;
  analysis: ItemAnalysis;
  computedAt: Date;
}

/**
 * Each blueprint with two or more sittings whose own statistics are computed, and its basis: those sittings' ids
 * with the publication revisions their statistics were computed from, sorted. A new sitting's statistics or a
 * recomputation after republication changes it; a sitting whose statistics cannot be computed stays out.
 */
const BLUEPRINT_BASES = sql`
  select s.blueprint_id,
         string_agg(st.sitting_id::text || ':' || st.revision, ',' order by st.sitting_id) as basis,
         count(*) as sittings
  from item_statistics st
  join sittings s on s.id = st.sitting_id
  group by s.blueprint_id
  having count(*) >= 2`;

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
    /**
     * The sitting's scored attempts in id order: all of them, or a page (`limit` of them after the id `after`),
     * so that a whole sitting never has to be held at once. The page is chosen on the ids alone before the item
     * results are read and the chosen options gathered, so each attempt's are read once, whatever the page.
     */
    async scoredAttempts(
      sittingId: string,
      page?: { after: string | null; limit: number },
    ): Promise<ScoredAttemptRow[]> {
      const rows = rowsOf<{ id: string; items: ItemResult[]; choices: Record<string, string[]> | null }>(
        await executor(db).execute(sql`
          select a.id, a.result->'items' as items,
                 (select jsonb_object_agg(aa.version_id::text, aa.answer->'optionIds')
                    from attempt_answers aa
                   where aa.attempt_id = a.id and aa.answer->>'kind' = 'choice') as choices
          from attempts a
          join (select p.id from attempts p
                 where p.sitting_id = ${sittingId}
                   and p.status = 'submitted'
                   and p.result is not null
                   and (p.scoring_hold is null or p.scoring_hold ? 'release')
                   ${page?.after ? sql`and p.id > ${page.after}::uuid` : sql``}
                 order by p.id
                 ${page ? sql`limit ${page.limit}` : sql``}) page on page.id = a.id
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

/** The statistics across the sittings of a blueprint: which are due, what they were computed from, and storing them. */
export function createBlueprintStatisticsRepository(db: Db) {
  return {
    /** Blueprints whose statistics are missing or were computed from another set of sittings or revisions. */
    async stale(
      limit: number,
      skip: readonly { blueprintId: string; basis: string }[] = [],
    ): Promise<{ blueprintId: string; basis: string }[]> {
      const skipped = skip.map((b) => sql`(c.blueprint_id = ${b.blueprintId}::uuid and c.basis = ${b.basis})`);
      const rows = rowsOf<{ blueprint_id: string; basis: string }>(
        await executor(db).execute(sql`
          with c as (${BLUEPRINT_BASES})
          select c.blueprint_id, c.basis from c
          left join blueprint_statistics b on b.blueprint_id = c.blueprint_id
          where (b.blueprint_id is null or b.basis <> c.basis)
            and not (${skipped.length ? sql.join(skipped, sql` or `) : sql`false`})
          order by c.blueprint_id
          limit ${limit}`),
      );
      return rows.map((r) => ({ blueprintId: r.blueprint_id, basis: r.basis }));
    },

    /** The blueprint's current basis (null with fewer than two sittings' statistics) and the sittings in it. */
    async current(
      blueprintId: string,
    ): Promise<{ basis: string | null; sittings: { sittingId: string; revision: number }[] }> {
      const [row] = rowsOf<{ basis: string }>(
        await executor(db).execute(
          sql`with c as (${BLUEPRINT_BASES}) select basis from c where blueprint_id = ${blueprintId}`,
        ),
      );
      const basis = row?.basis ?? null;
      const sittings = (basis ? basis.split(',') : []).map((part) => {
        const [sittingId, revision] = part.split(':');
        return { sittingId: sittingId!, revision: Number(revision) };
      });
      return { basis, sittings };
    },

    async find(blueprintId: string): Promise<{ id: string; name: string } | null> {
      const [row] = rowsOf<{ id: string; name: string }>(
        await executor(db).execute(sql`select id, name from blueprints where id = ${blueprintId}`),
      );
      return row ?? null;
    },

    /** Takes the blueprint's statistics lock for the transaction, so two jobs never store over each other. */
    async lock(blueprintId: string): Promise<void> {
      await executor(db).execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`blueprint_statistics:${blueprintId}`}, 0))`,
      );
    },

    async store(row: StoredBlueprintStatistics): Promise<void> {
      await executor(db).execute(sql`
        insert into blueprint_statistics (blueprint_id, basis, sittings, attempts, analysis, computed_at)
        values (${row.blueprintId}, ${row.basis}, ${JSON.stringify(row.sittings)}::jsonb, ${row.attempts},
                ${JSON.stringify(row.analysis)}::jsonb, ${row.computedAt.toISOString()})
        on conflict (blueprint_id) do update set
          basis = excluded.basis, sittings = excluded.sittings, attempts = excluded.attempts,
          analysis = excluded.analysis, computed_at = excluded.computed_at`);
    },

    async stored(blueprintId: string): Promise<StoredBlueprintStatistics | null> {
      const [row] = rowsOf<{
        blueprint_id: string;
        basis: string;
        sittings: BlueprintStatisticsSitting[] | string;
        attempts: number;
        analysis: ItemAnalysis | string;
        computed_at: Date | string;
      }>(await executor(db).execute(sql`select * from blueprint_statistics where blueprint_id = ${blueprintId}`));
      if (!row) return null;
      return {
        blueprintId: row.blueprint_id,
        basis: row.basis,
        sittings: parsed(row.sittings),
        attempts: Number(row.attempts),
        analysis: parsed(row.analysis),
        computedAt: toDate(row.computed_at),
      };
    },

    /** Blueprints with two or more published sittings, with whether their statistics are current. */
    async list(): Promise<
      {
        blueprintId: string;
        name: string;
        sittings: number;
        basis: string;
        storedBasis: string | null;
        computedAt: Date | null;
        attempts: number | null;
      }[]
    > {
      const rows = rowsOf<{
        blueprint_id: string;
        name: string;
        sittings: number | string;
        basis: string;
        stored_basis: string | null;
        computed_at: Date | string | null;
        attempts: number | null;
      }>(
        await executor(db).execute(sql`
          with c as (${BLUEPRINT_BASES})
          select c.blueprint_id, bp.name, c.sittings, c.basis, b.basis as stored_basis, b.computed_at, b.attempts
          from c join blueprints bp on bp.id = c.blueprint_id
          left join blueprint_statistics b on b.blueprint_id = c.blueprint_id
          order by bp.name, c.blueprint_id
          limit 500`),
      );
      return rows.map((r) => ({
        blueprintId: r.blueprint_id,
        name: r.name,
        sittings: Number(r.sittings),
        basis: r.basis,
        storedBasis: r.stored_basis,
        computedAt: r.computed_at === null ? null : toDate(r.computed_at),
        attempts: r.attempts === null ? null : Number(r.attempts),
      }));
    },
  };
}

export type BlueprintStatisticsRepository = ReturnType<typeof createBlueprintStatisticsRepository>;

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
