import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { RoundStage } from '../../../db/schema/index';
import { normalisedInterview, normalisedTest, weightedScore } from '../../core/ranking';
import { applyGate, topLimit, type Gate, type GateCandidate, type GateReason } from '../../core/stage-gate';
import { ConflictError, NotFoundError, ValidationError, conflict, type FieldProblem } from '../../errors';
import type { Actor } from '../../actor';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { Notify } from '../notices/notify';
import type { ApplicationsRepository } from './applications.repository';
import type { InterviewsRepository } from './interviews.repository';
import { MIN_PANEL } from './interviews.service';
import type { RoundsRepository, VacancyRow } from './rounds.repository';
import type { StagesRepository } from './stages.repository';
import type { ApplicationStages, RoundStages, StageList, StagePreview, StagesBody, StageView } from './stages.schemas';

/**
 * Where written work's marks come from (the blind double marking): each user's final mark on the
 * blueprint's sittings, `pending` while a script is still being marked; a user with no script is absent.
 */
export interface WrittenMarksReader {
  finalMarks(
    blueprintId: string,
    userIds: string[],
  ): Promise<Map<string, { points: number; maxPoints: number } | 'pending'>>;
  /** Once the stage's list is published, the markings (and the markers' names) are shown to the candidates. */
  reveal(blueprintId: string, actor: Actor): Promise<void>;
}

/** What the blind double marking offers per sitting (`server/modules/marking`), as the stages read it. */
export interface SittingMarks {
  finalMarks(
    sittingId: string,
  ): Promise<{ userId: string; points: number | null; maxPoints: number; complete: boolean }[]>;
  reveal(sittingId: string, actor: Actor): Promise<void>;
}

/**
 * Written work's marks for a blueprint: each candidate's final mark on its latest sitting they wrote at,
 * `pending` while a script of theirs awaits a marker (the chief's third marking included).
 */
export function writtenMarksFrom(deps: {
  repository: Pick<StagesRepository, 'sittingsOfBlueprint'>;
  marking: SittingMarks;
}): WrittenMarksReader {
  const { repository, marking } = deps;
  return {
    async finalMarks(blueprintId, userIds) {
      const wanted = new Set(userIds);
      const out = new Map<string, { points: number; maxPoints: number } | 'pending'>();
      for (const sitting of await repository.sittingsOfBlueprint(blueprintId))
        for (const mark of await marking.finalMarks(sitting.id))
          if (wanted.has(mark.userId) && !out.has(mark.userId))
            out.set(
              mark.userId,
              mark.complete && mark.points !== null ? { points: mark.points, maxPoints: mark.maxPoints } : 'pending',
            );
      return out;
    },
    async reveal(blueprintId, actor) {
      for (const sitting of await repository.sittingsOfBlueprint(blueprintId))
        if ((await marking.finalMarks(sitting.id)).length) await marking.reveal(sitting.id, actor);
    },
  };
}

/** A sitting's points on the 0–100 scale every stage shares, as the ranking normalises a test. */
const percent = (r: { points: number; maxPoints: number }) =>
  normalisedTest({ testPoints: r.points, testMaxPoints: r.maxPoints });

type StageRow = Awaited<ReturnType<StagesRepository['ofRound']>>[number];

const gateOf = (stage: RoundStage): Gate => ({
  minScore: stage.minScore === null ? null : Number(stage.minScore),
  top: stage.topKind && stage.topValue !== null ? { kind: stage.topKind, value: stage.topValue } : null,
  ties: stage.ties,
});

function stageView({ stage, blueprintName }: StageRow): StageView {
  const gate = gateOf(stage);
  return {
    position: stage.position,
    kind: stage.kind,
    blueprint: stage.blueprintId ? { id: stage.blueprintId, name: blueprintName ?? '' } : null,
    weight: stage.weight,
    minScore: gate.minScore,
    top: gate.top,
    ties: gate.ties,
  };
}

/** The refusals of a stage list that does not make sense, each naming its field. */
function checkStages(body: StagesBody, knownBlueprints: Set<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (i: number, field: string, code: string, message: string) =>
    problems.push({ field: `stages.${i}.${field}`, code, message });
  body.stages.forEach((s, i) => {
    const blueprintId = s.blueprintId ?? null;
    if (s.kind === 'written' && !blueprintId)
      problem(i, 'blueprintId', 'required', 'Written work needs the blueprint whose sittings hold the essay or case.');
    if ((s.kind === 'interview' || s.kind === 'commission') && blueprintId)
      problem(i, 'blueprintId', 'not_allowed', 'Only a test or written work is taken at a sitting.');
    if (blueprintId && !knownBlueprints.has(blueprintId))
      problem(i, 'blueprintId', 'unknown', 'There is no such blueprint.');
    if (s.top?.kind === 'share' && s.top.value > 100)
      problem(i, 'top.value', 'too_large', 'A top share is a percentage, at most 100.');
    if (s.kind === 'commission') {
      if (i === 0) problem(i, 'kind', 'commission_first', 'The commission decides on the scores of earlier stages.');
      else if (body.stages.slice(0, i).every((p) => p.weight === 0))
        problem(i, 'kind', 'nothing_weighted', 'At least one earlier stage must carry weight for the commission.');
    }
  });
  if (body.stages.length && body.stages.every((s) => s.weight === 0))
    problems.push({ field: 'stages.0.weight', code: 'weights_zero', message: 'The stages cannot all weigh zero.' });
  return problems;
}

/**
 * A round's selection stages and the explicit, published step past each one, vacancy by vacancy: who
 * goes through is decided by the stage's published gate (`server/core/stage-gate.ts`) over the stage's
 * scores, and the list is appended to the transparency log.
 */
export function createStagesService(deps: {
  db: Db;
  clock: Clock;
  repository: StagesRepository;
  rounds: RoundsRepository;
  interviews: InterviewsRepository;
  applications: ApplicationsRepository;
  written: WrittenMarksReader;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** Each candidate at a stage is told its outcome when the list is published (issue 18). */
  notices: Pick<Notify, 'notifyMany'>;
}) {
  const { db, clock, repository, rounds, interviews, applications, written, log, audit, notices } = deps;

  async function lists(vacancyIds: string[], stages: StageRow[]): Promise<StageList[]> {
    const advancements = await repository.advancements(vacancyIds);
    const results = await repository.results(advancements.map((a) => a.advancement.id));
    const out = advancements.map(({ advancement, vacancyCode }): StageList => {
      const stage = stages.find((s) => s.stage.id === advancement.stageId)!.stage;
      const own = results.filter((r) => r.result.advancementId === advancement.id);
      return {
        vacancyId: advancement.vacancyId,
        vacancyCode,
        position: stage.position,
        kind: stage.kind,
        advancedAt: advancement.advancedAt.toISOString(),
        withResult: own.filter((r) => r.result.score !== null).length,
        candidates: own.length,
        advanced: own
          .filter((r) => r.result.advanced)
          .map((r) => ({ candidateCode: r.candidateCode, score: Number(r.result.score), rank: r.result.rank! })),
        logIndex: advancement.logIndex,
        leafHash: advancement.leafHash,
      };
    });
    return out.sort(
      (a, b) => (a.vacancyCode < b.vacancyCode ? -1 : a.vacancyCode > b.vacancyCode ? 1 : 0) || a.position - b.position,
    );
  }

  async function roundStages(roundId: string, publicOnly: boolean): Promise<RoundStages> {
    const round = await rounds.find(roundId);
    if (!round || (publicOnly && !round.announcedAt)) throw new NotFoundError('No such round.');
    const [stages, rows] = await Promise.all([repository.ofRound(roundId), rounds.vacanciesOf([roundId])]);
    return {
      roundId,
      roundCode: round.code,
      status: round.status,
      stages: stages.map(stageView),
      lists: await lists(
        rows.map((r) => r.vacancy.id),
        stages,
      ),
    };
  }

  /** A stage's scores for its candidates: those who went through the stage before, or every applicant at the first. */
  async function evaluate(row: VacancyRow, stages: StageRow[], position: number): Promise<StagePreview> {
    const { vacancy, round } = row;
    const here = stages.find((s) => s.stage.position === position);
    if (!here) throw new NotFoundError('No such stage.');
    const { stage } = here;
    const advancements = await repository.advancements([vacancy.id]);
    const base = {
      vacancy: { id: vacancy.id, code: vacancy.code, roundId: round.id, status: vacancy.status },
      stage: stageView(here),
      stageCount: stages.length,
    };
    const done = advancements.find((a) => a.advancement.stageId === stage.id);
    if (done) {
      const results = await repository.results([done.advancement.id]);
      return {
        ...base,
        state: 'advanced',
        waitingFor: null,
        missing: [],
        limit: topLimit(gateOf(stage).top, results.filter((r) => r.result.score !== null).length),
        results: results.map((r) => ({
          applicationId: r.result.applicationId,
          candidateCode: r.candidateCode,
          fullName: r.fullName,
          score: r.result.score === null ? null : Number(r.result.score),
          rank: r.result.rank,
          advanced: r.result.advanced,
          reason: r.result.reason as GateReason,
        })),
        advancedAt: done.advancement.advancedAt.toISOString(),
        advancedBy: { fullName: done.advancedByName },
        logIndex: done.advancement.logIndex,
        leafHash: done.advancement.leafHash,
      };
    }
    const waiting = (waitingFor: string): StagePreview => ({
      ...base,
      state: 'waiting',
      waitingFor,
      missing: [],
      limit: null,
      results: [],
      advancedAt: null,
      advancedBy: null,
      logIndex: null,
      leafHash: null,
    });
    if (vacancy.status === 'draft') return waiting('vacancy.draft');
    const earlier = stages.filter((s) => s.stage.position < position);
    const earlierDone = earlier.map((s) => advancements.find((a) => a.advancement.stageId === s.stage.id));
    if (earlierDone.some((a) => !a)) return waiting('stage.previous_pending');
    if (position === 1 && clock().getTime() < vacancy.applicationDeadline.getTime())
      return waiting('stage.before_deadline');

    const earlierResults = await repository.results(earlierDone.map((a) => a!.advancement.id));
    const previous = earlierDone.at(-1);
    const apps = (await interviews.applicationsOf([vacancy.id])).filter(
      (a) =>
        a.application.status !== 'withdrawn' &&
        (!previous ||
          earlierResults.some(
            (r) =>
              r.result.advancementId === previous.advancement.id &&
              r.result.applicationId === a.application.id &&
              r.result.advanced,
          )),
    );
    const missing: string[] = [];
    const scores = new Map<string, number | null>();
    switch (stage.kind) {
      case 'test': {
        const byBlueprint = stage.blueprintId
          ? await repository.blueprintResults(
              stage.blueprintId,
              apps.map((a) => a.application.userId),
            )
          : null;
        for (const a of apps) {
          const result = byBlueprint ? byBlueprint.get(a.application.userId) : a.result;
          scores.set(a.application.id, result ? percent(result) : null);
        }
        break;
      }
      case 'written': {
        const marks = await written.finalMarks(
          stage.blueprintId!,
          apps.map((a) => a.application.userId),
        );
        for (const a of apps) {
          const mark = marks.get(a.application.userId);
          if (mark === 'pending') missing.push(a.application.candidateCode);
          scores.set(a.application.id, mark && mark !== 'pending' ? percent(mark) : null);
        }
        break;
      }
      case 'interview': {
        const [panel, entered] = await Promise.all([interviews.panel(vacancy.id), interviews.scores([vacancy.id])]);
        if (panel.length < MIN_PANEL) return waiting('stage.no_panel');
        const interviewMaxPoints = round.rubric.reduce((n, c) => n + c.maxPoints, 0);
        for (const a of apps) {
          if (a.application.status === 'absent') {
            scores.set(a.application.id, null);
            continue;
          }
          const totals = panel.map(
            (m) =>
              entered.find((s) => s.score.applicationId === a.application.id && s.score.memberId === m.userId)?.score
                .total,
          );
          if (totals.some((t) => t === undefined)) missing.push(a.application.candidateCode);
          scores.set(
            a.application.id,
            totals.some((t) => t === undefined)
              ? null
              : normalisedInterview({ interviewTotals: totals.map(Number), interviewMaxPoints }),
          );
        }
        break;
      }
      case 'commission': {
        // Everyone here went through every earlier stage, so each has a score at each of them.
        const weighted = earlier.flatMap((s, i) =>
          s.stage.weight > 0 ? [{ weight: s.stage.weight, advancementId: earlierDone[i]!.advancement.id }] : [],
        );
        for (const a of apps) {
          const parts = weighted.map((w) => ({
            weight: w.weight,
            score: Number(
              earlierResults.find(
                (x) => x.result.advancementId === w.advancementId && x.result.applicationId === a.application.id,
              )?.result.score ?? 0,
            ),
          }));
          scores.set(a.application.id, weightedScore(parts));
        }
        break;
      }
    }
    const candidates: GateCandidate[] = apps.map((a) => ({
      id: a.application.candidateCode,
      score: scores.get(a.application.id) ?? null,
    }));
    const outcome = applyGate(candidates, gateOf(stage));
    const byCode = new Map(apps.map((a) => [a.application.candidateCode, a]));
    return {
      ...base,
      state: missing.length ? 'waiting' : 'ready',
      waitingFor: missing.length ? 'stage.scores_missing' : null,
      missing: missing.sort(),
      limit: topLimit(gateOf(stage).top, candidates.filter((c) => c.score !== null).length),
      results: outcome.map((o) => ({
        applicationId: byCode.get(o.id)!.application.id,
        candidateCode: o.id,
        fullName: byCode.get(o.id)!.fullName,
        score: o.score,
        rank: o.rank,
        advanced: o.advanced,
        reason: o.reason,
      })),
      advancedAt: null,
      advancedBy: null,
      logIndex: null,
      leafHash: null,
    };
  }

  async function vacancyRow(vacancyId: string): Promise<VacancyRow> {
    const row = await rounds.vacancy(vacancyId);
    if (!row) throw new NotFoundError('No such vacancy.');
    return row;
  }

  const REFUSALS: Record<string, string> = {
    'vacancy.draft': 'This vacancy is not announced.',
    'stage.previous_pending': 'The stage before this one has not been advanced yet.',
    'stage.before_deadline': 'Applications are still open for this vacancy.',
    'stage.no_panel': `The vacancy needs an interview panel of at least ${MIN_PANEL}.`,
    'stage.scores_missing': 'Not every candidate at this stage has been scored or marked yet.',
  };

  async function preview(vacancyId: string, position: number): Promise<StagePreview> {
    const row = await vacancyRow(vacancyId);
    return evaluate(row, await repository.ofRound(row.round.id), position);
  }

  return {
    roundStages: (roundId: string) => roundStages(roundId, false),
    publicRoundStages: (roundId: string) => roundStages(roundId, true),

    /** Replaces a draft round's stages; an announced round's stages are published terms and never change. */
    async configure(actor: Actor, roundId: string, body: StagesBody): Promise<RoundStages> {
      const ids = [...new Set(body.stages.flatMap((s) => (s.blueprintId ? [s.blueprintId] : [])))];
      const problems = checkStages(body, await repository.blueprintsExist(ids));
      if (problems.length) throw new ValidationError(problems);
      const now = clock();
      await transaction(db, async () => {
        const round = await rounds.lock(roundId);
        if (!round) throw new NotFoundError('No such round.');
        if (round.status !== 'draft')
          throw conflict('id', 'round.announced', 'This round is announced; its stages can no longer change.');
        await repository.replace(
          roundId,
          body.stages.map((s, i) => ({
            roundId,
            position: i + 1,
            kind: s.kind,
            blueprintId: s.blueprintId ?? null,
            weight: s.weight,
            minScore: s.minScore === null || s.minScore === undefined ? null : String(s.minScore),
            topKind: s.top?.kind ?? null,
            topValue: s.top?.value ?? null,
            ties: s.ties,
          })),
        );
        await audit.append(
          auditEvent(actor, 'round.stages_set', 'round', roundId, {
            code: round.code,
            stages: body.stages.map((s) => s.kind),
          }),
          now,
        );
      });
      return roundStages(roundId, false);
    },

    preview,

    /**
     * The irreversible step past a stage: the gate's outcome is stored for every candidate and the list
     * of who goes through, with their stage scores, is appended to the log, in one transaction under the
     * vacancy's lock (so two administrators cannot advance the same stage twice).
     */
    async advance(actor: Actor, vacancyId: string, position: number): Promise<StagePreview> {
      const now = clock();
      await transaction(db, async () => {
        if (!(await rounds.lockVacancy(vacancyId))) throw new NotFoundError('No such vacancy.');
        const row = await vacancyRow(vacancyId);
        const stages = await repository.ofRound(row.round.id);
        const preview = await evaluate(row, stages, position);
        if (preview.state === 'advanced')
          throw conflict('id', 'stage.advanced', 'This stage has already been advanced; its list is published.');
        if (preview.state === 'waiting')
          throw new ConflictError([
            { field: 'id', code: preview.waitingFor!, message: REFUSALS[preview.waitingFor!] ?? 'Not ready.' },
          ]);
        const stage = stages.find((s) => s.stage.position === position)!.stage;
        const through = preview.results.filter((r) => r.advanced);
        const [receipt] = await log.append([
          {
            type: 'stage.advanced',
            roundCode: row.round.code,
            vacancyCode: row.vacancy.code,
            stage: position,
            stages: stages.length,
            kind: stage.kind,
            weight: stage.weight,
            gate: { minScore: preview.stage.minScore, top: preview.stage.top, ties: preview.stage.ties },
            candidates: preview.results.length,
            withResult: preview.results.filter((r) => r.score !== null).length,
            advanced: through.map((r) => ({ candidateCode: r.candidateCode, score: r.score!, rank: r.rank! })),
            advancedAt: now.toISOString(),
          },
        ]);
        const advancement = await repository.insertAdvancement({
          vacancyId,
          stageId: stage.id,
          advancedBy: actor.id!,
          advancedAt: now,
          logIndex: receipt!.logIndex,
          leafHash: receipt!.leafHash,
        });
        if (stage.kind === 'written' && stage.blueprintId) await written.reveal(stage.blueprintId, actor);
        await repository.insertResults(
          preview.results.map((r) => ({
            advancementId: advancement.id,
            applicationId: r.applicationId,
            score: r.score === null ? null : String(r.score),
            rank: r.rank,
            advanced: r.advanced,
            reason: r.reason,
          })),
        );
        // Told in the same transaction, once per application and stage, however often the step is retried.
        const userOf = new Map(
          (await interviews.applicationsOf([vacancyId])).map((a) => [a.application.id, a.application.userId]),
        );
        await notices.notifyMany(
          preview.results.map((r) => ({
            userId: userOf.get(r.applicationId)!,
            kind: 'stage-result' as const,
            ref: `${r.applicationId}/stage/${position}`,
            params: {
              applicationId: r.applicationId,
              vacancyCode: row.vacancy.code,
              position: row.vacancy.position,
              stage: position,
              stageKind: stage.kind,
              advanced: r.advanced,
              score: r.score,
              rank: r.rank,
              reason: r.reason,
              minScore: preview.stage.minScore,
              limit: preview.stage.top ? preview.limit : null,
            },
          })),
        );
        await audit.append(
          auditEvent(actor, 'stage.advanced', 'vacancy', vacancyId, {
            code: row.vacancy.code,
            stage: position,
            advanced: through.length,
            candidates: preview.results.length,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return preview(vacancyId, position);
    },

    /** The applicant's own result at each stage, up to the one they did not pass. */
    async ofApplication(userId: string, applicationId: string): Promise<ApplicationStages> {
      const [application] = await applications.listOwn(userId, applicationId);
      if (!application) throw new NotFoundError('No such application.');
      const [stages, results] = await Promise.all([
        repository.ofRound(application.roundId),
        repository.resultsOfApplication(applicationId),
      ]);
      const out: ApplicationStages = [];
      for (const { stage } of stages) {
        const own = results.find((r) => r.advancement.stageId === stage.id);
        out.push({
          position: stage.position,
          kind: stage.kind,
          status: own ? (own.result.advanced ? 'advanced' : 'not_advanced') : 'pending',
          score: !own || own.result.score === null ? null : Number(own.result.score),
          rank: own?.result.rank ?? null,
          reason: own ? (own.result.reason as GateReason) : null,
          minScore: stage.minScore === null ? null : Number(stage.minScore),
          publishedAt: own ? own.advancement.advancedAt.toISOString() : null,
          logIndex: own?.advancement.logIndex ?? null,
        });
        if (own && !own.result.advanced) break;
      }
      return out;
    },
  };
}

export type StagesService = ReturnType<typeof createStagesService>;
