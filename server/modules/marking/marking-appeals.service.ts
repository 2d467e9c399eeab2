import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import type { RubricCriterion } from '../../../db/domain/question';
import { transaction } from '../../../db/transaction';
import type { SignedInActor } from '../../actor';
import { scoreCommitment } from '../../core/score-commitment';
import { conflict, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { Notify } from '../notices/notify';
import type { MarkingAppealsRepository } from './marking-appeals.repository';
import type {
  MarkingAppealBody,
  MarkingAppealCase,
  MarkingAppealDecisionBody,
  MarkingAppealQueue,
} from './marking-appeals.schemas';
import type { MarkingRepository } from './marking.repository';
import type { MarkingAppealView } from './marking.schemas';

const DAY = 86_400_000;

/** Until when a sitting's markings may be appealed: its appeal days (as for its items) from the reveal. */
export const markingAppealUntil = (revealedAt: Date, appealDays: number) =>
  new Date(revealedAt.getTime() + appealDays * DAY);

const rubricOf = (key: { type: string; rubric?: RubricCriterion[] }): RubricCriterion[] =>
  key.type === 'essay' && key.rubric ? key.rubric : [];

/**
 * What is wrong with marks per criterion against a rubric: an unknown or repeated criterion, points over its
 * maximum, a criterion left out. The markers' marks and an appeal's new marks are checked alike.
 */
export function criteriaProblems(
  rubric: RubricCriterion[],
  criteria: readonly { criterionId: string; points: number }[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  criteria.forEach((c, i) => {
    const criterion = rubric.find((r) => r.id === c.criterionId);
    if (!criterion)
      problems.push({
        field: `criteria.${i}.criterionId`,
        code: 'unknown',
        message: 'The rubric has no such criterion.',
      });
    else if (criteria.findIndex((o) => o.criterionId === c.criterionId) !== i)
      problems.push({ field: `criteria.${i}.criterionId`, code: 'duplicate', message: 'A criterion is marked twice.' });
    else if (c.points > criterion.maxPoints)
      problems.push({
        field: `criteria.${i}.points`,
        code: 'too_large',
        message: `At most ${criterion.maxPoints} points.`,
      });
  });
  for (const criterion of rubric)
    if (!criteria.some((c) => c.criterionId === criterion.id))
      problems.push({ field: 'criteria', code: 'incomplete', message: 'Mark every criterion of the rubric.' });
  return problems;
}

type AppealRow = Awaited<ReturnType<MarkingAppealsRepository['ofScripts']>>[number];

/** An appeal as its candidate reads it, the decision with the decider's name and role. */
export function appealView(scriptCode: string, row: AppealRow): MarkingAppealView {
  const { appeal, decision } = row;
  return {
    scriptCode,
    reason: appeal.reason,
    filedAt: appeal.createdAt.toISOString(),
    decision: decision
      ? {
          outcome: decision.outcome,
          reason: decision.reason,
          criteria: decision.criteria ?? null,
          previousPoints: Number(decision.previousPoints),
          finalPoints: Number(decision.finalPoints),
          decidedBy: { name: row.deciderName!, role: row.deciderRole! },
          decidedAt: decision.decidedAt.toISOString(),
          logIndex: decision.logIndex,
        }
      : null,
  };
}

const ownScript = () =>
  new ForbiddenError('You marked this script: an appeal against its marking is decided by a marker who did not.');

/**
 * Appeals against a marking (issue 18). The candidate appeals one script's marking within the sitting's
 * appeal days after the reveal; a marker who holds no role on the script decides it, once: upheld, their
 * marks per criterion become the script's final mark (committed to the log as a marking is), or rejected.
 * The decider reaches the script by its anonymous code, as every marker does.
 */
export function createMarkingAppealsService(deps: {
  db: Db;
  clock: Clock;
  repository: MarkingAppealsRepository;
  marking: MarkingRepository;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  notices: Pick<Notify, 'notify'>;
}) {
  const { db, clock, repository, marking, log, audit, notices } = deps;

  /** The appealed script for a staff member who holds no role on it; anyone else is refused. */
  async function appealed(deciderId: string, code: string, lock = false) {
    const script = await marking.scriptByCode(code, lock);
    const row = script && (await repository.byCode(code));
    if (!script || !row) throw new NotFoundError('No appeal against the marking of such a script.');
    if (await marking.assignment(script.id, deciderId)) throw ownScript();
    return { script, ...row };
  }

  async function caseOf(deciderId: string, code: string): Promise<MarkingAppealCase> {
    const { script, appeal, decision } = await appealed(deciderId, code);
    const [version, sitting, markings, [withDecider]] = await Promise.all([
      marking.version(script.versionId),
      marking.sitting(script.sittingId),
      marking.markingsOf([script.id]),
      repository.ofScripts([script.id]),
    ]);
    const view = appealView(script.code, withDecider!);
    return {
      code: script.code,
      sittingCode: sitting!.code,
      language: sitting!.blueprint?.language ?? 'az',
      prompt: version!.content.text,
      rubric: rubricOf(version!.key),
      text: script.text,
      maxPoints: script.maxPoints,
      finalPoints: Number(script.finalPoints),
      finalHow: script.finalHow,
      // By role only: the decider judges the marks and reasons, not who gave them.
      markings: markings.map((m) => ({ role: m.role, criteria: m.criteria, total: m.total })),
      appeal: {
        reason: appeal.reason,
        filedAt: appeal.createdAt.toISOString(),
        decision: view.decision ? { ...view.decision, decidedByMe: decision!.decidedBy === deciderId } : null,
      },
    };
  }

  return {
    /** Applicant: an appeal against the marking of one of their own scripts, within the window. */
    async file(actor: SignedInActor, attemptId: string, body: MarkingAppealBody): Promise<MarkingAppealView> {
      const now = clock();
      const attempt = await marking.ownAttempt(attemptId, actor.id);
      if (!attempt) throw new NotFoundError('No such attempt.');
      const row = await repository.ownScript(actor.id, attemptId, body.scriptCode);
      if (!row) throw ValidationError.field('scriptCode', 'unknown', 'No script of yours has this code.');
      if (row.attemptStatus === 'annulled') throw conflict('id', 'attempt.annulled', 'This attempt was annulled.');
      if (!row.revealedAt)
        throw conflict('scriptCode', 'marking.not_revealed', 'The markings of this sitting are not shown yet.');
      // A late script handed out after the reveal is appealed once it has its final mark, not before.
      if (row.script.status !== 'final' || row.script.finalPoints === null)
        throw conflict('scriptCode', 'marking.unfinished', 'This script has no final mark yet.');
      if (now.getTime() >= markingAppealUntil(row.revealedAt, row.appealDays).getTime())
        throw conflict('scriptCode', 'marking.appeal_window_closed', 'The appeal window of this sitting has closed.');
      const reason = body.reason.trim();
      if (reason.length < 10)
        throw ValidationError.field('reason', 'minLength', 'Say in at least 10 characters why the marking is wrong.');
      await transaction(db, async () => {
        const appeal = await repository.insert({ scriptId: row.script.id, userId: actor.id, reason, createdAt: now });
        if (!appeal)
          throw conflict('scriptCode', 'marking.appeal_exists', 'You have already appealed against this marking.');
        await audit.append(
          auditEvent(actor, 'marking.appeal_filed', 'sitting', row.script.sittingId, { scriptCode: row.script.code }),
          now,
        );
      });
      const [filed] = await repository.ofScripts([row.script.id]);
      return appealView(row.script.code, filed!);
    },

    async queue(deciderId: string): Promise<MarkingAppealQueue> {
      const rows = await repository.queue(deciderId);
      return {
        appeals: rows.map((r) => ({
          code: r.code,
          sittingCode: r.sittingCode,
          maxPoints: r.maxPoints,
          filedAt: r.filedAt.toISOString(),
          outcome: r.outcome,
          decidedAt: r.decidedAt?.toISOString() ?? null,
        })),
      };
    },

    case: caseOf,

    /**
     * The decision, final when written. Upheld: a mark for every rubric criterion, whose total becomes the
     * script's final mark (finalHow `appeal`), committed to the log as a salted hash; rejected: the mark stands.
     * Either way the decision is logged and audited, and the candidate told.
     */
    async decide(actor: SignedInActor, code: string, body: MarkingAppealDecisionBody): Promise<MarkingAppealCase> {
      const now = clock();
      await transaction(db, async () => {
        // The script's row is locked first, so two deciders at once are one decision and one 409.
        const { script, appeal, decision } = await appealed(actor.id, code, true);
        if (decision)
          throw conflict('id', 'marking.appeal_decided', 'This appeal is decided, and the decision is final.');
        const rubric = rubricOf((await marking.version(script.versionId))!.key);
        const problems: FieldProblem[] = [];
        if (body.reason.trim().length < 10)
          problems.push({ field: 'reason', code: 'minLength', message: 'Give the reason in at least 10 characters.' });
        if (body.outcome === 'upheld') {
          if (!body.criteria)
            problems.push({
              field: 'criteria',
              code: 'required',
              message: 'An upheld appeal gives a new mark per criterion.',
            });
          else problems.push(...criteriaProblems(rubric, body.criteria));
        } else if (body.criteria)
          problems.push({
            field: 'criteria',
            code: 'not_expected',
            message: 'A rejected appeal leaves the marks as they are.',
          });
        if (problems.length) throw new ValidationError(problems);
        const sitting = (await marking.sitting(script.sittingId))!;
        const previousPoints = Number(script.finalPoints);
        const criteria =
          body.outcome === 'upheld'
            ? rubric.map((r) => ({
                criterionId: r.id,
                points: body.criteria!.find((c) => c.criterionId === r.id)!.points,
              }))
            : null;
        const finalPoints = criteria ? criteria.reduce((sum, c) => sum + c.points, 0) : previousPoints;
        const salt = criteria ? randomBytes(16).toString('hex') : null;
        const commitment =
          criteria && salt
            ? scoreCommitment(Object.fromEntries(criteria.map((c) => [c.criterionId, c.points])), salt)
            : null;
        const [receipt] = await log.append([
          {
            type: 'marking.appeal_decided',
            sittingCode: sitting.code,
            scriptCode: script.code,
            outcome: body.outcome,
            deciderId: actor.id,
            ...(commitment ? { commitment } : {}),
            previousPoints,
            finalPoints,
            decidedAt: now.toISOString(),
          },
        ]);
        const inserted = await repository.insertDecision({
          appealId: appeal.id,
          outcome: body.outcome,
          criteria,
          reason: body.reason.trim(),
          previousPoints: String(previousPoints),
          finalPoints: String(finalPoints),
          salt,
          commitment,
          logIndex: receipt!.logIndex,
          decidedBy: actor.id,
          decidedAt: now,
        });
        if (!inserted)
          throw conflict('id', 'marking.appeal_decided', 'This appeal is decided, and the decision is final.');
        if (criteria)
          await marking.updateScript(script.id, {
            finalPoints: String(finalPoints),
            finalHow: 'appeal',
            finalisedAt: now,
          });
        await audit.append(
          auditEvent(actor, 'marking.appeal_decided', 'sitting', script.sittingId, {
            scriptCode: script.code,
            outcome: body.outcome,
            previousPoints,
            finalPoints,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
        const appellant = await repository.appellant(appeal.id);
        await notices.notify({
          userId: appellant.userId,
          kind: 'marking-appeal-decided',
          ref: appeal.id,
          params: {
            attemptId: appellant.attemptId,
            sittingCode: sitting.code,
            upheld: body.outcome === 'upheld',
            finalPoints,
            maxPoints: script.maxPoints,
          },
        });
      });
      return caseOf(actor.id, code);
    },
  };
}

export type MarkingAppealsService = ReturnType<typeof createMarkingAppealsService>;
