import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Clock } from '../../clock';
import { FLAG_THRESHOLDS, randomGuessScore, type ItemAnalysis, type StatItem } from '../../core/item-statistics/index';
import { NotFoundError } from '../../errors';
import type { LogEvent, LogService } from '../log/log.service';
import { analyseOffThread } from './analysis-thread';
import { itemTableCsv } from './item-table-csv';
import { AttemptPacker } from './packed-attempts';
import type {
  BlueprintStatisticsRepository,
  StatisticsRepository,
  StatisticsSitting,
  StoredStatistics,
} from './statistics.repository';
import type { ItemLabel, StoredAnalysis } from './stored-analysis';

const LABEL_LENGTH = 120;
/** Attempts read per query for an analysis: the rows the server holds at once (a 100-item row is ≈ 20 KB parsed). */
export const ATTEMPTS_PAGE = 250;
const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

/**
 * Item statistics of published sittings: computed in the background (never on a request's path) from
 * every scored attempt, stored with the publication revision they were computed from, and recomputed
 * when a re-scoring republishes. The public part (reliability, SEM, histogram) is logged.
 */
export function createStatisticsService(deps: {
  db: Db;
  clock: Clock;
  repository: StatisticsRepository;
  blueprints: BlueprintStatisticsRepository;
  log: Pick<LogService, 'append'>;
  /** Sittings refreshed per run of the background job. */
  batch?: number;
}) {
  const { db, clock, repository, log } = deps;
  const blueprintRepository = deps.blueprints;
  const failed = new Map<string, { sittingId: string; revision: number }>();
  const failedBlueprints = new Map<string, { blueprintId: string; basis: string }>();

  /**
   * The analysis of the scored attempts of one or more sittings. Across sittings (of one blueprint), each
   * attempt carries its sitting's exam language, for DIF, and its sitting as the paper form, for the forms
   * comparison; the items' labels are then in the first sitting's language.
   */
  async function analyse(
    sittings: readonly StatisticsSitting[],
  ): Promise<{ analysis: StoredAnalysis; attempts: number; perSitting: Map<string, number> }> {
    const { pending, attempts, perSitting, versionIds, byVersion, positions, language, first } =
      await startAnalysis(sittings);
    const analysis = await pending;
    const labels: Record<string, ItemLabel> = {};
    for (const id of versionIds) {
      const version = byVersion.get(id);
      const text = version
        ? (language && version.content.text[language]) || Object.values(version.content.text)[0] || ''
        : '';
      labels[id] = {
        questionId: version?.questionId ?? null,
        label: text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text,
        positions: [...(positions.get(id) ?? [])].sort((a, b) => a - b),
      };
    }
    return {
      analysis: { ...analysis, language, sectionTitles: first?.sections.map((s) => s.title) ?? [], labels },
      attempts,
      perSitting,
    };
  }

  /**
   * Reads the attempts a page at a time, packs them (`packed-attempts.ts`) and hands them to the analysis
   * thread, returning its answer to come with what the labels need. The rows of a sitting (5,000 × 100 item
   * results and chosen options) were 120 MiB of the server's heap when read at once, beside the thread's own;
   * a page of them is parsed, packed and dropped before the next is read, so the server holds one page and the
   * packed arrays (16 bytes a response), which move to the thread without a copy.
   */
  async function startAnalysis(sittings: readonly StatisticsSitting[]) {
    const across = sittings.length > 1;
    const first = sittings[0]?.blueprint ?? null;
    const language = first?.language ?? null;
    const pointsPerItem = first?.scoring.pointsPerItem ?? 1;
    const packer = new AttemptPacker();
    const versionIds = new Set<string>();
    const annulled = new Set<string>();
    const sectionOf = new Map<string, number>();
    const positions = new Map<string, Set<number>>();
    for (const sitting of sittings) {
      const points = sitting.blueprint?.scoring.pointsPerItem ?? pointsPerItem;
      const sittingLanguage = sitting.blueprint?.language ?? null;
      const group = packer.group({
        ...(sittingLanguage ? { language: sittingLanguage } : {}),
        ...(across ? { form: sitting.code } : {}),
      });
      let after: string | null = null;
      for (;;) {
        const rows = await repository.scoredAttempts(sitting.id, { after, limit: ATTEMPTS_PAGE });
        for (const row of rows) {
          row.items.forEach((item, slot) => {
            versionIds.add(item.versionId);
            sectionOf.set(item.versionId, item.section);
            if (item.outcome === 'annulled') annulled.add(item.versionId);
            let set = positions.get(item.versionId);
            if (!set) positions.set(item.versionId, (set = new Set()));
            set.add(slot + 1);
          });
          packer.add(
            row.id,
            group,
            row.items.map((item) => ({
              item: item.versionId,
              // A removed annulment leaves the maximum: it adds 0 for everyone, as it does to the published score.
              mark: Math.min(item.points, points),
              chosen: row.choices?.[item.versionId] ?? null,
            })),
          );
        }
        if (rows.length < ATTEMPTS_PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
    }
    const versions = await repository.versions([...versionIds]);
    const byVersion = new Map(versions.map((v) => [v.id, v]));

    const items: StatItem[] = [...versionIds].map((id) => {
      const version = byVersion.get(id);
      const withOptions = version && version.key.type !== 'short' && version.key.type !== 'essay';
      return {
        id,
        maxMark: pointsPerItem,
        section: sectionOf.get(id) ?? 0,
        annulled: annulled.has(id),
        ...(withOptions
          ? {
              options: version.content.options.map((o) => o.id),
              key: version.key.type === 'short' || version.key.type === 'essay' ? [] : version.key.correct,
              randomGuessScore: randomGuessScore(version.key, version.content.options.length),
            }
          : { randomGuessScore: version ? randomGuessScore(version.key, 0) : null }),
      };
    });
    // Papers with another number of items (a blueprint changed between draws) cannot share one analysis:
    // the most common length is analysed, and the rest are left out rather than failing the whole sitting.
    const usual = [...packer.lengths().entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]?.[0] ?? 0;
    const { packed, perGroup } = packer.pack(usual);
    const perSitting = new Map<string, number>();
    sittings.forEach((s, i) => {
      if (perGroup[i]) perSitting.set(s.id, perGroup[i]);
    });

    const pending = analyseOffThread(items, packed, { difMinGroup: 100 });
    return { pending, attempts: packed.ids.length, perSitting, versionIds, byVersion, positions, language, first };
  }

  async function compute(sittingId: string): Promise<{ analysis: StoredAnalysis; attempts: number } | null> {
    const sitting = await repository.sitting(sittingId);
    if (!sitting) return null;
    const { analysis, attempts } = await analyse([sitting]);
    return { analysis, attempts };
  }

  /** The blueprint's statistics across its published sittings, stored unless its basis moved on meanwhile. */
  async function refreshBlueprint(blueprintId: string, basis: string): Promise<boolean> {
    const current = await blueprintRepository.current(blueprintId);
    const revisions = new Map(current.sittings.map((s) => [s.sittingId, s.revision]));
    const sittings = (await Promise.all(current.sittings.map((s) => repository.sitting(s.sittingId)))).filter(
      (s): s is StatisticsSitting => s !== null,
    );
    if (sittings.length < 2) return false;
    sittings.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || (x.code < y.code ? -1 : 1));
    const computed = await analyse(sittings);
    return transaction(db, async () => {
      await blueprintRepository.lock(blueprintId);
      // A publication since the job listed the blueprint: leave it to the next run, which sees the new basis.
      if ((await blueprintRepository.current(blueprintId)).basis !== basis) return false;
      await blueprintRepository.store({
        blueprintId,
        basis,
        sittings: sittings.map((s) => ({
          sittingId: s.id,
          code: s.code,
          revision: revisions.get(s.id) ?? 0,
          language: s.blueprint?.language ?? null,
          attempts: computed.perSitting.get(s.id) ?? 0,
        })),
        attempts: computed.attempts,
        analysis: computed.analysis,
        computedAt: clock(),
      });
      return true;
    });
  }

  function publicEvent(sittingId: string, code: string, revision: number, analysis: ItemAnalysis): LogEvent {
    const t = analysis.test;
    return {
      type: 'sitting.statistics_published',
      sittingId,
      sittingCode: code,
      revision,
      attempts: t.attempts,
      cic: round(t.cic, 2),
      cicLower: round(t.cicLower, 2),
      cicUpper: round(t.cicUpper, 2),
      standardError: round(t.standardError),
      maxMark: t.maxMark,
      histogram: analysis.histogram.map((b) => ({ from: b.from, to: b.to, count: b.count })),
    };
  }

  async function refreshSitting(sittingId: string, revision: number): Promise<boolean> {
    const computed = await compute(sittingId);
    const sitting = await repository.sitting(sittingId);
    if (!computed || !sitting) return false;
    return transaction(db, async () => {
      if (!(await repository.claim(sittingId, revision))) return false;
      const [receipt] = await log.append([publicEvent(sittingId, sitting.code, revision, computed.analysis)]);
      const row: StoredStatistics = {
        sittingId,
        revision,
        attempts: computed.attempts,
        analysis: computed.analysis,
        logIndex: receipt?.logIndex ?? null,
        leafHash: receipt?.leafHash ?? null,
        computedAt: clock(),
      };
      await repository.store(row);
      return true;
    });
  }

  async function storedOrThrow(sittingId: string) {
    const sitting = await repository.sitting(sittingId);
    if (!sitting || sitting.revision === null) throw new NotFoundError('No published results for this sitting.');
    return { sitting, stored: await repository.stored(sittingId) };
  }

  return {
    compute,

    /**
     * The background job: statistics for published sittings that have none, or whose results were
     * republished since, and then for each blueprint across its sittings whose statistics changed. One
     * sitting's failure is logged by the caller and does not stop the others. Returns the sittings refreshed.
     */
    async refreshStale(onError?: (sittingId: string, error: unknown) => void): Promise<number> {
      const stale = await repository.staleSittings(deps.batch ?? 5, [...failed.values()]);
      let done = 0;
      for (const { sittingId, revision } of stale) {
        try {
          if (await refreshSitting(sittingId, revision)) done++;
        } catch (error) {
          // Not retried in this process until a new revision: one faulty sitting must not hold up the others.
          failed.set(sittingId, { sittingId, revision });
          if (onError) onError(sittingId, error);
          else throw error;
        }
      }
      // Then the blueprints whose sittings' statistics changed (not counted: the count is of sittings).
      const staleBlueprints = await blueprintRepository.stale(deps.batch ?? 5, [...failedBlueprints.values()]);
      for (const { blueprintId, basis } of staleBlueprints) {
        try {
          await refreshBlueprint(blueprintId, basis);
        } catch (error) {
          failedBlueprints.set(blueprintId, { blueprintId, basis });
          if (onError) onError(`blueprint ${blueprintId}`, error);
          else throw error;
        }
      }
      return done;
    },

    async list() {
      const rows = await repository.list();
      return rows.map((r) => ({
        sittingId: r.sittingId,
        code: r.code,
        startsAt: r.startsAt.toISOString(),
        revision: r.revision,
        status: status(r.revision, r.computedRevision),
        computedAt: r.computedAt?.toISOString() ?? null,
        attempts: r.attempts,
      }));
    },

    /** The examiners' view of a sitting: everything computed, or `pending` until the job has run. */
    async sittingStatistics(sittingId: string) {
      const { sitting, stored } = await storedOrThrow(sittingId);
      const base = {
        sittingId,
        code: sitting.code,
        revision: sitting.revision!,
        status: status(sitting.revision!, stored?.revision ?? null),
        thresholds: FLAG_THRESHOLDS,
      };
      if (!stored) return { ...base, computedRevision: null, computedAt: null, analysis: null };
      return {
        ...base,
        computedRevision: stored.revision,
        computedAt: stored.computedAt.toISOString(),
        logIndex: stored.logIndex,
        analysis: stored.analysis as StoredAnalysis,
      };
    },

    /** The item table as CSV, in the order of the page (by section, then position). */
    async itemsCsv(sittingId: string): Promise<{ code: string; csv: string }> {
      const { sitting, stored } = await storedOrThrow(sittingId);
      if (!stored) throw new NotFoundError('The statistics of this sitting are not computed yet.');
      return { code: sitting.code, csv: itemTableCsv(stored.analysis as StoredAnalysis) };
    },

    /** A question's statistics in every sitting it appeared in, each of its versions separately. */
    async questionStatistics(questionId: string) {
      if (!(await repository.questionExists(questionId))) throw new NotFoundError('No such question.');
      const rows = await repository.forQuestion(questionId);
      return {
        questionId,
        sittings: rows.flatMap((row) =>
          row.analysis.items
            .filter((item) => row.analysis.labels[item.item]?.questionId === questionId)
            .map((item) => ({
              sittingId: row.sittingId,
              code: row.code,
              startsAt: row.startsAt.toISOString(),
              computedAt: row.computedAt.toISOString(),
              positions: row.analysis.labels[item.item]?.positions ?? [],
              item,
            })),
        ),
      };
    },

    /** Blueprints with two or more published sittings: their statistics across those sittings. */
    async blueprintList() {
      const rows = await blueprintRepository.list();
      return rows.map((r) => ({
        blueprintId: r.blueprintId,
        name: r.name,
        sittings: r.sittings,
        status:
          r.storedBasis === null
            ? ('pending' as const)
            : r.storedBasis === r.basis
              ? ('ready' as const)
              : ('stale' as const),
        computedAt: r.computedAt?.toISOString() ?? null,
        attempts: r.attempts,
      }));
    },

    /** The examiners' view across a blueprint's sittings: DIF between their languages and the forms compared. */
    async blueprintStatistics(blueprintId: string) {
      const blueprint = await blueprintRepository.find(blueprintId);
      if (!blueprint) throw new NotFoundError('No such blueprint.');
      const [{ basis }, stored] = await Promise.all([
        blueprintRepository.current(blueprintId),
        blueprintRepository.stored(blueprintId),
      ]);
      if (basis === null && !stored) throw new NotFoundError('This blueprint has fewer than two published sittings.');
      return {
        blueprintId,
        name: blueprint.name,
        status: !stored ? ('pending' as const) : stored.basis === basis ? ('ready' as const) : ('stale' as const),
        computedAt: stored?.computedAt.toISOString() ?? null,
        sittings: stored?.sittings ?? [],
        thresholds: FLAG_THRESHOLDS,
        analysis: (stored?.analysis as StoredAnalysis | undefined) ?? null,
      };
    },

    /** What the public sees with a published sitting: reliability, SEM and the binned score distribution. */
    async publicReliability(sittingId: string) {
      const { sitting, stored } = await storedOrThrow(sittingId);
      if (!stored) throw new NotFoundError('The statistics of this sitting are not computed yet.');
      const t = stored.analysis.test;
      return {
        sittingId,
        code: sitting.code,
        revision: stored.revision,
        computedAt: stored.computedAt.toISOString(),
        attempts: t.attempts,
        maxMark: t.maxMark,
        cic: round(t.cic, 2),
        cicLower: round(t.cicLower, 2),
        cicUpper: round(t.cicUpper, 2),
        standardError: round(t.standardError),
        histogram: stored.analysis.histogram,
        logIndex: stored.logIndex,
        leafHash: stored.leafHash,
      };
    },
  };
}

function status(revision: number, computedRevision: number | null): 'ready' | 'pending' | 'stale' {
  if (computedRevision === null) return 'pending';
  return computedRevision < revision ? 'stale' : 'ready';
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
