import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import type { Language, RubricCriterion } from '../../../db/domain/question';
import type { MarkerRole } from '../../../db/schema/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { Actor, SignedInActor } from '../../actor';
import { distribute, markerAgreement, reconcile, type Assignment } from '../../core/marking/index';
import { scoreCommitment } from '../../core/score-commitment';
import { conflict, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { MarkingAppealsRepository } from './marking-appeals.repository';
import { appealView, criteriaProblems, markingAppealUntil } from './marking-appeals.service';
import type { MarkingRepository } from './marking.repository';
import type {
  MarkBody,
  MarkerQueue,
  MarkerScript,
  MarkReceipt,
  PlanBody,
  PlanView,
  WrittenView,
} from './marking.schemas';

/** A candidate's written marks for a sitting, for the stage that reads them (issue 18; see essay-interface.md). */
export interface WrittenMark {
  attemptId: string;
  userId: string;
  candidateCode: string;
  /** Sum of the attempt's scripts' final marks; null while any script is not final. */
  points: number | null;
  maxPoints: number;
  complete: boolean;
}

/** Letters and digits that cannot be misread for one another; 32 of them, so a byte maps evenly. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An anonymous script code: random, so it says nothing of the candidate, the seat or the order of submission. */
function scriptCode(): string {
  return `S-${[...randomBytes(8)].map((b) => CODE_ALPHABET[b % 32]).join('')}`;
}

const rubricOf = (key: { type: string; rubric?: RubricCriterion[] }): RubricCriterion[] =>
  key.type === 'essay' && key.rubric ? key.rubric : [];

const markingEntered = () => conflict('code', 'marking.entered', 'Your marking of this script is entered, and final.');

/**
 * Blind double marking of written work (issue 18). Markers reach scripts by anonymous code only and see
 * only their own marking; the plan (markers, chief, threshold, rule) is published in the log before any
 * script is marked, each marking is committed to the log when entered, and the final mark is what the
 * published rule gives (server/core/marking).
 */
export function createMarkingService(deps: {
  db: Db;
  clock: Clock;
  repository: MarkingRepository;
  appeals: MarkingAppealsRepository;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
}) {
  const { db, clock, repository, appeals, log, audit } = deps;

  async function sittingOrThrow(id: string) {
    const sitting = await repository.sitting(id);
    if (!sitting) throw new NotFoundError('No such sitting.');
    return sitting;
  }

  const languageOf = (blueprint: { language?: Language } | null): Language => blueprint?.language ?? 'az';

  /**
   * Each essay answer of these submitted attempts, frozen as a script draft under a fresh random code; an
   * answer already frozen (`done`: attempt id and version id) is left out.
   */
  async function draftsOf(
    sittingId: string,
    submitted: Awaited<ReturnType<MarkingRepository['attemptsOf']>>,
    now: Date,
    done: { attemptId: string; versionId: string }[] = [],
  ) {
    const versions = await repository.essayVersions([...new Set(submitted.flatMap((a) => a.versionIds))]);
    const essayIds = versions.map((v) => v.id);
    const answers = await repository.answers(
      submitted.map((a) => a.id),
      essayIds,
    );
    return submitted.flatMap((attempt) =>
      attempt.paper.sections
        .flatMap((s) => s.items)
        .filter((item) => essayIds.includes(item.versionId))
        .filter((item) => !done.some((d) => d.attemptId === attempt.id && d.versionId === item.versionId))
        .map((item) => {
          const version = versions.find((v) => v.id === item.versionId)!;
          const answer = answers.find((a) => a.attemptId === attempt.id && a.versionId === item.versionId)?.answer;
          return {
            code: scriptCode(),
            sittingId,
            attemptId: attempt.id,
            versionId: item.versionId,
            text: answer?.kind === 'text' ? answer.text : '',
            maxPoints: rubricOf(version.key).reduce((sum, c) => sum + c.maxPoints, 0),
            createdAt: now,
          };
        }),
    );
  }

  /**
   * Late scripts: essays of attempts submitted after the plan was published (a candidate who started late and
   * was finalised by the sweeper, an annulment reversed on appeal), not yet handed to markers.
   */
  async function lateDrafts(sittingId: string, now: Date) {
    const all = await repository.attemptsOf(sittingId);
    const scripts = await repository.scriptsOfSitting(sittingId);
    return draftsOf(
      sittingId,
      all.filter((a) => a.status === 'submitted'),
      now,
      scripts,
    );
  }

  /** Stores the scripts and hands each to its pair of blind markers (`pairs[i]` for `drafts[i]`). */
  async function handOut(drafts: Awaited<ReturnType<typeof draftsOf>>, pairs: Assignment[], now: Date) {
    const scripts = await repository.insertScripts(drafts);
    const byCode = new Map(scripts.map((s) => [s.code, s.id]));
    await repository.insertAssignments(
      drafts.flatMap((d, i) => [
        { scriptId: byCode.get(d.code)!, markerId: pairs[i]!.first, role: 'first' as const, assignedAt: now },
        { scriptId: byCode.get(d.code)!, markerId: pairs[i]!.second, role: 'second' as const, assignedAt: now },
      ]),
    );
  }

  const lateScripts = () =>
    conflict(
      'id',
      'marking.late_scripts',
      'Some scripts were submitted after the marking plan and are not handed to markers yet; hand them out first.',
    );

  async function planView(sittingId: string): Promise<PlanView> {
    const sitting = await sittingOrThrow(sittingId);
    const plan = await repository.plan(sittingId);
    const scripts = await repository.scriptsOfSitting(sittingId);
    const markings = await repository.markingsOf(scripts.map((s) => s.id));
    const people = await repository.accounts(plan ? [...plan.markerIds, plan.chiefId] : []);
    const person = (id: string) => ({ id, fullName: people.find((p) => p.id === id)?.fullName ?? '' });
    const agreement = markerAgreement(
      scripts.map((s) => ({
        markings: markings.filter((m) => m.scriptId === s.id && m.role !== 'chief'),
        thirdMarked: markings.some((m) => m.scriptId === s.id && m.role === 'chief') || s.status === 'third',
      })),
    );
    return {
      sittingId,
      sittingCode: sitting.code,
      plan: plan
        ? {
            threshold: plan.threshold,
            rule: plan.rule,
            chief: person(plan.chiefId),
            markers: plan.markerIds.map(person),
            logIndex: plan.logIndex,
            revealedAt: plan.revealedAt?.toISOString() ?? null,
            createdAt: plan.createdAt.toISOString(),
          }
        : null,
      scripts: scripts.map((s) => ({
        code: s.code,
        status: s.status,
        maxPoints: s.maxPoints,
        markings: markings.filter((m) => m.scriptId === s.id).length,
        finalPoints: s.finalPoints === null ? null : Number(s.finalPoints),
        finalHow: s.finalHow,
      })),
      agreement: agreement.map(({ markerId, ...row }) => ({ marker: person(markerId), ...row })),
      late: plan ? (await lateDrafts(sittingId, clock())).length : 0,
    };
  }

  return {
    planView,

    /**
     * Sets a sitting's marking plan once its attempts are all in: publishes the threshold and rule in the
     * log, freezes each essay answer as a script under a random code, and hands each script to two markers.
     */
    async createPlan(actor: SignedInActor, sittingId: string, input: PlanBody): Promise<PlanView> {
      const now = clock();
      const problems: FieldProblem[] = [];
      input.markerIds.forEach((id, i) => {
        if (input.markerIds.indexOf(id) !== i)
          problems.push({ field: `markerIds.${i}`, code: 'duplicate', message: 'A marker is listed twice.' });
      });
      if (input.markerIds.includes(input.chiefId))
        problems.push({
          field: 'chiefId',
          code: 'is_marker',
          message: 'The chief marks third, so is not one of the blind markers.',
        });
      await transaction(db, async () => {
        const sitting = await sittingOrThrow(sittingId);
        const accounts = await repository.accounts([...input.markerIds, input.chiefId]);
        const staff = (id: string) => {
          const account = accounts.find((a) => a.id === id);
          return account && (account.role === 'examiner' || account.role === 'administrator') && !account.disabled;
        };
        input.markerIds.forEach((id, i) => {
          if (!staff(id))
            problems.push({
              field: `markerIds.${i}`,
              code: 'not_staff',
              message: 'Markers are examiners or administrators.',
            });
        });
        if (!staff(input.chiefId))
          problems.push({ field: 'chiefId', code: 'not_staff', message: 'The chief is an examiner or administrator.' });
        if (problems.length) throw new ValidationError(problems);
        if (await repository.plan(sittingId, true))
          throw conflict('id', 'marking.plan_exists', 'This sitting’s marking plan is published and cannot change.');
        const all = await repository.attemptsOf(sittingId);
        if (all.some((a) => a.status === 'started'))
          throw conflict(
            'id',
            'marking.attempts_open',
            'Some attempts are still being written; plan the marking once all are in.',
          );
        const drafts = await draftsOf(
          sittingId,
          all.filter((a) => a.status === 'submitted'),
          now,
        );
        if (drafts.length === 0)
          throw conflict('id', 'marking.no_scripts', 'This sitting has no written work to mark.');
        // Handed out in the order of their random codes, so who marks what says nothing of the candidate.
        drafts.sort((a, b) => (a.code < b.code ? -1 : 1));
        const [receipt] = await log.append([
          {
            type: 'marking.plan_published',
            sittingCode: sitting.code,
            threshold: input.threshold,
            rule: input.rule,
            markerIds: input.markerIds,
            chiefId: input.chiefId,
            scripts: drafts.map((d) => d.code),
            publishedAt: now.toISOString(),
          },
        ]);
        await repository.insertPlan({
          sittingId,
          threshold: input.threshold,
          rule: input.rule,
          chiefId: input.chiefId,
          markerIds: input.markerIds,
          logIndex: receipt!.logIndex,
          createdBy: actor.id,
          createdAt: now,
        });
        await handOut(drafts, distribute(drafts.length, input.markerIds), now);
        await audit.append(
          auditEvent(actor, 'marking.plan_set', 'sitting', sittingId, {
            ...input,
            scripts: drafts.length,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return planView(sittingId);
    },

    /**
     * Hands out late scripts under the published plan: each gets a fresh random code and two markers, the
     * plan's rotation (`distribute`) continued past the scripts already handed out, and the codes are
     * published in the log as the plan's were.
     */
    async handOutLate(actor: SignedInActor, sittingId: string): Promise<PlanView> {
      const now = clock();
      await transaction(db, async () => {
        const sitting = await sittingOrThrow(sittingId);
        const plan = await repository.plan(sittingId, true);
        if (!plan) throw conflict('id', 'marking.no_plan', 'This sitting has no marking plan.');
        const handed = (await repository.scriptsOfSitting(sittingId)).length;
        const drafts = await lateDrafts(sittingId, now);
        if (drafts.length === 0)
          throw conflict('id', 'marking.no_late_scripts', 'Every submitted script is already handed to markers.');
        drafts.sort((a, b) => (a.code < b.code ? -1 : 1));
        const [receipt] = await log.append([
          {
            type: 'marking.scripts_added',
            sittingCode: sitting.code,
            scripts: drafts.map((d) => d.code),
            addedAt: now.toISOString(),
          },
        ]);
        await handOut(drafts, distribute(handed + drafts.length, plan.markerIds).slice(handed), now);
        await audit.append(
          auditEvent(actor, 'marking.scripts_added', 'sitting', sittingId, {
            scripts: drafts.length,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return planView(sittingId);
    },

    /** Lets the candidates see their markings with the markers' names and roles; idempotent (H4 calls it on publishing the stage's list). */
    async reveal(sittingId: string, actor: Actor): Promise<void> {
      const now = clock();
      await transaction(db, async () => {
        await sittingOrThrow(sittingId);
        const plan = await repository.plan(sittingId, true);
        if (!plan) throw conflict('id', 'marking.no_plan', 'This sitting has no marking plan.');
        if (plan.revealedAt) return;
        const scripts = await repository.scriptsOfSitting(sittingId);
        if ((await lateDrafts(sittingId, now)).length) throw lateScripts();
        if (scripts.some((s) => s.status !== 'final'))
          throw conflict('id', 'marking.unfinished', 'Some scripts are not finally marked yet.');
        await repository.reveal(sittingId, actor.id ?? plan.createdBy, now);
        await audit.append(auditEvent(actor, 'marking.revealed', 'sitting', sittingId), now);
      });
    },

    /**
     * Each candidate's final written marks for the sitting (H4's stage reads these); incomplete while a script
     * of theirs is being marked, is late and not handed out yet, or its marking is under appeal.
     */
    async finalMarks(sittingId: string): Promise<WrittenMark[]> {
      // One after another: the stage calls this inside its transaction, on the one connection it holds.
      const rows = await repository.scriptsWithCandidates(sittingId);
      const pending = await appeals.pendingOfSitting(sittingId);
      const late = await lateDrafts(sittingId, clock());
      // A late script not yet handed out, or a marking under appeal, holds its candidate's mark: never
      // silently left out or taken as final.
      const lateCandidates = await repository.candidatesOf([...new Set(late.map((d) => d.attemptId))]);
      const held = new Set(pending.map((p) => p.attemptId));
      const byAttempt = new Map<string, WrittenMark>();
      for (const row of [
        ...rows,
        ...late.map((d) => ({
          ...lateCandidates.find((c) => c.attemptId === d.attemptId)!,
          maxPoints: d.maxPoints,
          finalPoints: null,
          status: 'marking' as const,
        })),
      ]) {
        const mark = byAttempt.get(row.attemptId) ?? {
          attemptId: row.attemptId,
          userId: row.userId,
          candidateCode: row.candidateCode,
          points: 0,
          maxPoints: 0,
          complete: true,
        };
        mark.maxPoints += row.maxPoints;
        if (row.status === 'final' && row.finalPoints !== null && mark.points !== null && !held.has(row.attemptId))
          mark.points = Math.round((mark.points + Number(row.finalPoints)) * 100) / 100;
        else {
          mark.points = null;
          mark.complete = false;
        }
        byAttempt.set(row.attemptId, mark);
      }
      return [...byAttempt.values()];
    },

    async queue(markerId: string): Promise<MarkerQueue> {
      const rows = await repository.queue(markerId);
      const mine = await repository.markingsBy(
        markerId,
        rows.map((r) => r.scriptId),
      );
      return {
        scripts: rows.map((r) => ({
          code: r.code,
          sittingCode: r.sittingCode,
          role: r.role,
          maxPoints: r.maxPoints,
          myTotal: mine.find((m) => m.scriptId === r.scriptId)?.total ?? null,
        })),
      };
    },

    /** A script by its code, for a marker assigned to it; any other caller is told it does not exist. */
    async script(markerId: string, code: string): Promise<MarkerScript> {
      const script = await repository.scriptByCode(code);
      const assignment = script && (await repository.assignment(script.id, markerId));
      if (!script || !assignment) throw new NotFoundError('No such script among yours.');
      const [version, sitting, markings] = await Promise.all([
        repository.version(script.versionId),
        repository.sitting(script.sittingId),
        repository.markingsOf([script.id]),
      ]);
      const mine = markings.find((m) => m.markerId === markerId);
      return {
        code: script.code,
        sittingCode: sitting!.code,
        role: assignment.role,
        language: languageOf(sitting!.blueprint),
        prompt: version!.content.text,
        expectedLength: version!.content.expectedLength ?? null,
        rubric: rubricOf(version!.key),
        text: script.text,
        maxPoints: script.maxPoints,
        myMarking: mine
          ? {
              criteria: mine.criteria,
              total: mine.total,
              logIndex: mine.logIndex,
              enteredAt: mine.enteredAt.toISOString(),
            }
          : null,
      };
    },

    /**
     * A marker's marks for a script, final when entered: every rubric criterion once, whole points up to its
     * maximum, a short reason each. Committed in the log at once (a salted hash, as interview scores are);
     * the second marking reconciles the script or sends it to the chief, the chief's finishes it.
     */
    async mark(actor: SignedInActor, code: string, input: MarkBody): Promise<MarkReceipt> {
      const now = clock();
      const markerId = actor.id;
      try {
        return await transaction(db, async () => {
          const script = await repository.scriptByCode(code, true);
          const assignment = script && (await repository.assignment(script.id, markerId));
          if (!script || !assignment) throw new NotFoundError('No such script among yours.');
          const markings = await repository.markingsOf([script.id]);
          if (markings.some((m) => m.markerId === markerId)) throw markingEntered();
          const rubric = rubricOf((await repository.version(script.versionId))!.key);
          const problems = criteriaProblems(rubric, input.criteria);
          input.criteria.forEach((c, i) => {
            if (c.justification.trim().length < 3)
              problems.push({
                field: `criteria.${i}.justification`,
                code: 'required',
                message: 'Give a short reason for the mark.',
              });
          });
          if (problems.length) throw new ValidationError(problems);
          const plan = (await repository.plan(script.sittingId))!;
          const sitting = (await repository.sitting(script.sittingId))!;
          const criteria = rubric.map((r) => {
            const given = input.criteria.find((c) => c.criterionId === r.id)!;
            return { criterionId: r.id, points: given.points, justification: given.justification.trim() };
          });
          const scores = Object.fromEntries(criteria.map((c) => [c.criterionId, c.points]));
          const total = criteria.reduce((sum, c) => sum + c.points, 0);
          const salt = randomBytes(16).toString('hex');
          const commitment = scoreCommitment(scores, salt);
          const [receipt] = await log.append([
            {
              type: 'marking.committed',
              sittingCode: sitting.code,
              scriptCode: script.code,
              role: assignment.role,
              markerId,
              commitment,
              enteredAt: now.toISOString(),
            },
          ]);
          const row = await repository.insertMarking({
            scriptId: script.id,
            markerId,
            role: assignment.role,
            criteria,
            total,
            salt,
            commitment,
            logIndex: receipt!.logIndex,
            enteredAt: now,
          });
          const all = [...markings, row];
          const outcome = reconcile({
            double: all.filter((m) => m.role !== 'chief').map((m) => m.total),
            chief: all.find((m) => m.role === 'chief')?.total,
            threshold: plan.threshold,
            rule: plan.rule,
          });
          if (outcome.status === 'third' && script.status === 'marking') {
            await repository.insertAssignments([
              { scriptId: script.id, markerId: plan.chiefId, role: 'chief' satisfies MarkerRole, assignedAt: now },
            ]);
            await repository.updateScript(script.id, { status: 'third' });
          } else if (outcome.status === 'final') {
            await repository.updateScript(script.id, {
              status: 'final',
              finalPoints: String(outcome.points),
              finalHow: outcome.how,
              finalisedAt: now,
            });
          }
          await audit.append(
            auditEvent(actor, 'marking.entered', 'sitting', script.sittingId, {
              scriptCode: script.code,
              role: assignment.role,
              total,
              logIndex: row.logIndex,
              outcome: outcome.status,
            }),
            now,
          );
          return {
            code: script.code,
            role: assignment.role,
            total,
            commitment,
            logIndex: row.logIndex,
            enteredAt: now.toISOString(),
          };
        });
      } catch (error) {
        if (uniqueViolation(error) === 'essay_markings_one_per_marker_key') throw markingEntered();
        throw error;
      }
    },

    /** The candidate's own written work: the scripts, and once revealed the final marks and every marking with its marker's name and role. */
    async written(userId: string, attemptId: string): Promise<WrittenView> {
      const attempt = await repository.ownAttempt(attemptId, userId);
      if (!attempt) throw new NotFoundError('No such attempt.');
      const [plan, scripts] = await Promise.all([
        repository.plan(attempt.sittingId),
        repository.scriptsOfAttempt(attemptId),
      ]);
      const revealed = Boolean(plan?.revealedAt);
      const markings = revealed ? await repository.markingsWithNames(scripts.map((s) => s.id)) : [];
      const filed = revealed ? await appeals.ofScripts(scripts.map((s) => s.id)) : [];
      const versions = await Promise.all(scripts.map((s) => repository.version(s.versionId)));
      const appealUntil = plan?.revealedAt ? markingAppealUntil(plan.revealedAt, attempt.appealDays) : null;
      return {
        attemptId,
        sittingCode: attempt.sittingCode,
        language: languageOf(attempt.blueprint),
        revealed,
        appealUntil: appealUntil?.toISOString() ?? null,
        appealOpen: appealUntil !== null && attempt.status !== 'annulled' && clock().getTime() < appealUntil.getTime(),
        scripts: scripts.map((s, i) => ({
          code: s.code,
          prompt: versions[i]!.content.text,
          text: s.text,
          maxPoints: s.maxPoints,
          status: s.status === 'final' ? 'final' : 'marking',
          finalPoints: revealed && s.finalPoints !== null ? Number(s.finalPoints) : null,
          rubric: revealed ? rubricOf(versions[i]!.key) : null,
          markings: markings
            .filter((m) => m.marking.scriptId === s.id)
            .map(({ marking, markerName }) => ({
              role: marking.role,
              markerName,
              criteria: marking.criteria,
              total: marking.total,
              logIndex: marking.logIndex,
              enteredAt: marking.enteredAt.toISOString(),
            })),
          appeal: ((row) => (row ? appealView(s.code, row) : null))(filed.find((f) => f.appeal.scriptId === s.id)),
        })),
      };
    },
  };
}

export type MarkingService = ReturnType<typeof createMarkingService>;
