import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { RescoringJob } from '../../../db/schema/index';
import type { ScoringHold } from '../../../db/schema/index';
import { scoreAttempt, ScoringInputError, type Answer, type ScoringResult } from '../../core/scoring/index';
import { NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { RescoringJobDetail, RescoringJobView } from './appeals.schemas';
import type { RescoredAttempt, RescoringRepository } from './rescoring.repository';
import type { RulingsRepository } from './rulings.repository';

/** The results service's republication after a re-scoring (server/modules/results/CONTRACT.md). */
export type Republish = (sittingIds: string[], cause: { jobId: string }) => Promise<unknown>;

export interface BatchProgress {
  id: string;
  status: RescoringJob['status'];
  total: number;
  processed: number;
  /** Attempts re-scored by this batch. */
  batch: number;
}

/**
 * The background re-scoring after an upheld appeal (DESIGN.md "Scale": never inside a request).
 *
 * A job walks every submitted attempt that carried the ruled version, in any sitting, in attempt-id
 * order, and scores each from scratch with the pure core and the rulings in force. Each batch commits
 * its new results, its change rows and the job's cursor and progress in one transaction, so after a
 * crash the job resumes exactly after the last committed batch; and since scoring is pure and an
 * attempt whose inputs did not change is left alone, running a batch or a whole job again changes
 * nothing. When the walk is over, the results are republished and the completion is logged.
 */
export function createRescoringService(deps: {
  db: Db;
  clock: Clock;
  batchSize: number;
  repository: RescoringRepository;
  rulings: RulingsRepository;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** The results' republication (another domain's step); absent, nothing is republished. */
  republish?: Republish | undefined;
}) {
  const { db, clock, batchSize, repository, rulings, log, audit } = deps;

  /** Republishes the changed sittings, then marks the job done and publishes its summary. */
  async function complete(jobId: string): Promise<void> {
    const changes = await repository.changes(jobId);
    const sittingIds = [...new Set(changes.filter((c) => c.published).map((c) => c.sittingId))];
    const { republish } = deps;
    // Before the job is marked done: a crash in between republishes again on resumption, which
    // repeats a publication rather than losing one.
    if (republish && sittingIds.length > 0) await republish(sittingIds, { jobId });
    await transaction(db, async () => {
      const locked = await repository.lock(jobId);
      if (!locked || locked.job.status === 'done') return;
      const { job, versionId } = locked;
      const now = clock();
      const summary = {
        processed: job.processed,
        changed: changes.length,
        nowPassing: changes.filter((c) => !c.change.passedBefore && c.change.passedAfter).length,
        nowFailing: changes.filter((c) => c.change.passedBefore && !c.change.passedAfter).length,
        sittings: [...new Set(changes.map((c) => c.sittingCode))],
      };
      await repository.update(jobId, { status: 'done', finishedAt: now });
      // Every changed result of a published sitting, so that a monitor can hold the revisions the job
      // caused to exactly these (invariant 3); entries before this field was added lack it.
      const results = changes
        .filter((c) => c.published)
        .map((c) => ({
          sittingCode: c.sittingCode,
          candidateCode: c.candidateCode,
          pointsBefore: Number(c.change.pointsBefore),
          pointsAfter: Number(c.change.pointsAfter),
          passedBefore: c.change.passedBefore,
          passedAfter: c.change.passedAfter,
        }));
      const [receipt] = await log.append([
        { type: 'rescoring.completed', jobId, rulingId: job.rulingId, versionId, ...summary, results },
      ]);
      await audit.append(
        {
          actorId: null,
          action: 'rescoring.completed',
          targetType: 'rescoring_job',
          targetId: jobId,
          details: { ...summary, versionId, republished: republish ? sittingIds : null, logIndex: receipt!.logIndex },
        },
        now,
      );
    });
  }

  /** Re-scores the next `size` attempts of the job; completes it once none are left. */
  async function runBatch(jobId: string, size = batchSize): Promise<BatchProgress> {
    const step = await transaction(db, async () => {
      const locked = await repository.lock(jobId);
      if (!locked) throw new NotFoundError('No such re-scoring job.');
      const { job, versionId } = locked;
      if (job.status === 'done') return { job, batch: 0, exhausted: false };
      const rows = await repository.batch(versionId, job.cursor, size);
      const ids = rows.map((r) => r.id);
      const [answerRows, blueprintRows, inForce] = await Promise.all([
        repository.answers(ids),
        repository.blueprints([...new Set(rows.map((r) => r.sittingId))]),
        rulings.inForce(rows.flatMap((r) => r.paper.sections.flatMap((s) => s.items.map((i) => i.versionId)))),
      ]);
      const answers = new Map<string, Record<string, Answer>>();
      for (const a of answerRows) {
        let own = answers.get(a.attemptId);
        if (!own) answers.set(a.attemptId, (own = {}));
        own[a.versionId] = a.answer;
      }
      const blueprints = new Map(blueprintRows.map((b) => [b.id, b.blueprint!]));
      const rescored: RescoredAttempt[] = [];
      const changes = [];
      const held: { id: string; hold: ScoringHold }[] = [];
      for (const row of rows) {
        let result: ScoringResult;
        try {
          result = scoreAttempt({
            paper: row.paper,
            answers: answers.get(row.id) ?? {},
            keys: inForce.keys,
            blueprint: blueprints.get(row.sittingId)!,
            annulments: inForce.annulments,
          });
        } catch (error) {
          // One attempt that cannot be scored is held back for an administrator; the job goes on.
          if (!(error instanceof ScoringInputError)) throw error;
          held.push({ id: row.id, hold: { problems: [...error.problems], heldAt: clock().toISOString() } });
          continue;
        }
        if (row.result?.inputDigest === result.inputDigest && row.result.scoringVersion === result.scoringVersion)
          continue;
        rescored.push({ id: row.id, result, points: String(result.points), passed: result.passed });
        if (Number(row.points) !== result.points || row.passed !== result.passed) {
          changes.push({
            jobId,
            attemptId: row.id,
            pointsBefore: row.points ?? '0',
            pointsAfter: String(result.points),
            passedBefore: row.passed ?? false,
            passedAfter: result.passed,
          });
        }
      }
      await repository.storeResults(rescored);
      await repository.hold(held);
      await repository.insertChanges(changes);
      const progressed = {
        status: 'running' as const,
        startedAt: job.startedAt ?? clock(),
        processed: job.processed + rows.length,
        cursor: rows.at(-1)?.id ?? job.cursor,
      };
      await repository.update(jobId, progressed);
      return { job: { ...job, ...progressed }, batch: rows.length, exhausted: rows.length < size };
    });
    if (step.exhausted) await complete(jobId);
    const status = step.exhausted ? 'done' : step.job.status;
    return { id: jobId, status, total: step.job.total, processed: step.job.processed, batch: step.batch };
  }

  async function run(jobId: string): Promise<void> {
    for (;;) {
      const progress = await runBatch(jobId);
      if (progress.status === 'done') return;
    }
  }

  function jobView(row: NonNullable<Awaited<ReturnType<RescoringRepository['find']>>>): RescoringJobView {
    const { job } = row;
    return {
      id: job.id,
      rulingId: job.rulingId,
      versionId: row.versionId,
      kind: row.kind,
      status: job.status,
      total: job.total,
      processed: job.processed,
      changed: Number(row.changed),
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }

  return {
    /** Queues the re-scoring of a ruling, inside the transaction that makes the ruling. */
    async queue(rulingId: string, versionId: string): Promise<RescoringJob> {
      return repository.insert({ rulingId, total: await repository.count(versionId), createdAt: clock() });
    },

    runBatch,
    run,

    /** Runs every unfinished job to its end, oldest first (the sweeper calls this). Returns how many. */
    async runPending(): Promise<number> {
      const ids = await repository.unfinished();
      for (const id of ids) await run(id);
      return ids.length;
    },

    async list(): Promise<RescoringJobView[]> {
      return (await repository.list()).map(jobView);
    },

    async detail(id: string): Promise<RescoringJobDetail> {
      const row = await repository.find(id);
      if (!row) throw new NotFoundError('No such re-scoring job.');
      const changes = await repository.changes(id);
      return {
        ...jobView(row),
        changes: changes.map((c) => ({
          attemptId: c.change.attemptId,
          sittingCode: c.sittingCode,
          candidateCode: c.candidateCode,
          fullName: c.fullName,
          pointsBefore: Number(c.change.pointsBefore),
          pointsAfter: Number(c.change.pointsAfter),
          passedBefore: c.change.passedBefore,
          passedAfter: c.change.passedAfter,
        })),
      };
    },
  };
}

export type RescoringService = ReturnType<typeof createRescoringService>;
