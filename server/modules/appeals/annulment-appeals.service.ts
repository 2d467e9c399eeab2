import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Attempt } from '../../../db/schema/index';
import { conflict, ForbiddenError, NotFoundError } from '../../errors';
import type { SignedInActor } from '../../actor';
import type { AttemptsRepository } from '../attempts/attempts.repository';
import type { AttemptsService } from '../attempts/attempts.service';
import type { Notify } from '../notices/notify';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type {
  AnnulmentAppealStaffView,
  AnnulmentAppealView,
  AnnulmentDecisionBody,
  AnnulmentStanding,
  FileAnnulmentAppealBody,
} from './annulment-appeals.schemas';
import type { AnnulmentAppealRow, AnnulmentAppealsRepository } from './annulment-appeals.repository';

const DAY = 86_400_000;

/** The results' republication of a sitting whose roster changed (server/modules/results). */
export type RepublishAfterReinstatement = (
  sittingIds: string[],
  cause: { attemptReinstated: string },
) => Promise<unknown>;

/**
 * Until when an annulment may be appealed: the sitting's appeal window, and never less than the
 * sitting's appeal days from the annulment itself (an attempt annulled late still gets its days).
 */
export function annulmentAppealUntil(
  annulledAt: Date,
  sitting: { appealDays: number; appealClosesAt: Date | null },
): Date {
  const own = annulledAt.getTime() + sitting.appealDays * DAY;
  return new Date(Math.max(own, sitting.appealClosesAt?.getTime() ?? 0));
}

/**
 * What a reinstated attempt becomes. Never started: ready again. Submitted before the annulment: submitted,
 * to be scored again. Stopped mid-exam: back in progress if its deadline is still ahead, otherwise closed
 * where the annulment stopped it and scored from its saved answers.
 */
export function reinstated(attempt: Attempt, now: Date): Partial<Attempt> {
  const cleared = { annulledAt: null, annulledBy: null, annulReason: null };
  if (!attempt.deadline) return { ...cleared, status: 'ready' };
  if (attempt.submittedAt) return { ...cleared, status: 'submitted' };
  if (now.getTime() < attempt.deadline.getTime()) return { ...cleared, status: 'started' };
  const stoppedAt = Math.min(attempt.annulledAt?.getTime() ?? attempt.deadline.getTime(), attempt.deadline.getTime());
  return { ...cleared, status: 'submitted', submittedAt: new Date(stoppedAt), finalisedBy: 'deadline' };
}

function view(row: AnnulmentAppealRow): AnnulmentAppealView {
  const { appeal } = row;
  return {
    id: appeal.id,
    attemptId: appeal.attemptId,
    sittingCode: row.sittingCode,
    annulledAt: appeal.annulledAt.toISOString(),
    annulReason: appeal.annulReason,
    annulledBy: row.annullerName ? { name: row.annullerName, role: row.annullerRole! } : null,
    reason: appeal.reason,
    status: appeal.status,
    createdAt: appeal.createdAt.toISOString(),
    decision:
      appeal.status !== 'pending' && appeal.decidedAt && row.deciderName
        ? {
            outcome: appeal.status === 'upheld' ? 'uphold' : 'reject',
            reason: appeal.decisionReason ?? '',
            decidedBy: { name: row.deciderName, role: row.deciderRole! },
            decidedAt: appeal.decidedAt.toISOString(),
          }
        : null,
  };
}

function staffView(row: AnnulmentAppealRow): AnnulmentAppealStaffView {
  return {
    ...view(row),
    sittingId: row.sittingId,
    candidateCode: row.candidateCode,
    fullName: row.fullName,
    annulledById: row.appeal.annulledBy,
  };
}

/**
 * Appeals against the annulment of an attempt (DESIGN.md rule 9: the decision names its official).
 * Filed by the candidate within the appeal window; decided by an administrator other than the one who
 * annulled. Upholding reinstates the attempt, scores it as any attempt is scored (the rulings in
 * force included) and, if the sitting's results are out, publishes it in a new revision.
 */
export function createAnnulmentAppealsService(deps: {
  db: Db;
  clock: Clock;
  repository: AnnulmentAppealsRepository;
  attemptsRepository: Pick<AttemptsRepository, 'lock' | 'update'>;
  attempts: Pick<AttemptsService, 'scoreStored'>;
  audit: AuditRepository;
  /** Absent, nothing is republished (the results service passes its own). */
  republish?: RepublishAfterReinstatement | undefined;
  /** The appellant told of the decision (issue 17). */
  notices: Pick<Notify, 'notify'>;
}) {
  const { db, clock, repository, attemptsRepository, attempts, audit, notices } = deps;

  async function ownAttempt(userId: string, attemptId: string) {
    const row = await repository.ownAttempt(userId, attemptId);
    if (!row) throw new NotFoundError('No such attempt.');
    return row;
  }

  return {
    /** Applicant: the annulment of their attempt, whether it may be appealed now, and their appeals. */
    async standing(actor: SignedInActor, attemptId: string): Promise<AnnulmentStanding> {
      const row = await ownAttempt(actor.id, attemptId);
      const appeals = (await repository.own(actor.id, { attemptId })).map(view);
      const { attempt } = row;
      const annulled = attempt.status === 'annulled' && attempt.annulledAt;
      const until = annulled ? annulmentAppealUntil(attempt.annulledAt!, row) : null;
      const appealed = annulled && appeals.some((a) => a.annulledAt === attempt.annulledAt!.toISOString());
      return {
        attemptId,
        sittingCode: row.sittingCode,
        annulment: annulled
          ? {
              at: attempt.annulledAt!.toISOString(),
              reason: attempt.annulReason,
              by: row.annullerName ? { name: row.annullerName, role: row.annullerRole! } : null,
            }
          : null,
        appealUntil: until?.toISOString() ?? null,
        canAppeal: Boolean(until && !appealed && clock().getTime() < until.getTime()),
        appeals,
      };
    },

    /** Applicant: appeals against the annulment of their own attempt, once, while the window is open. */
    async file(actor: SignedInActor, attemptId: string, body: FileAnnulmentAppealBody): Promise<AnnulmentAppealView> {
      const now = clock();
      const row = await ownAttempt(actor.id, attemptId);
      const { attempt } = row;
      if (attempt.status !== 'annulled' || !attempt.annulledAt)
        throw conflict('id', 'attempt.not_annulled', 'This attempt is not annulled.');
      if (now.getTime() >= annulmentAppealUntil(attempt.annulledAt, row).getTime())
        throw conflict('id', 'appeal.window_closed', 'The time to appeal against this annulment has passed.');
      const id = await transaction(db, async () => {
        const created = await repository.insert({
          attemptId,
          userId: actor.id,
          annulledAt: attempt.annulledAt!,
          annulledBy: attempt.annulledBy,
          annulReason: attempt.annulReason,
          reason: body.reason,
          createdAt: now,
        });
        if (!created) throw conflict('id', 'appeal.exists', 'You have already appealed against this annulment.');
        await audit.append(
          auditEvent(actor, 'annulment_appeal.filed', 'annulment_appeal', created.id, {
            attemptId,
            annulledBy: attempt.annulledBy,
          }),
          now,
        );
        return created.id;
      });
      const [created] = await repository.own(actor.id, { id });
      return view(created!);
    },

    /** Administrators: the appeals waiting for a decision (oldest first), or those decided (newest first). */
    async queue(status: 'pending' | 'decided'): Promise<AnnulmentAppealStaffView[]> {
      return (await repository.queue(status)).map(staffView);
    },

    /**
     * An administrator other than the one who annulled decides, with the reason. Upholding reinstates
     * the attempt and scores it in the same transaction; the sitting's published results then gain a
     * revision with it. Rejecting keeps the annulment, and the candidate reads why and from whom.
     */
    async decide(actor: SignedInActor, id: string, body: AnnulmentDecisionBody): Promise<AnnulmentAppealStaffView> {
      const now = clock();
      const republishSitting = await transaction(db, async () => {
        const appeal = await repository.lock(id);
        if (!appeal) throw new NotFoundError('No such appeal.');
        if (appeal.status !== 'pending') throw conflict('id', 'appeal.decided', 'This appeal is already decided.');
        if (appeal.annulledBy === actor.id)
          throw new ForbiddenError('An administrator other than the one who annulled the attempt decides this appeal.');
        const upheld = body.outcome === 'uphold';
        let outcome: Record<string, unknown> = {};
        let sittingId: string | null = null;
        if (upheld) {
          const attempt = (await attemptsRepository.lock(appeal.attemptId))!;
          if (attempt.status !== 'annulled' || attempt.annulledAt?.getTime() !== appeal.annulledAt.getTime())
            throw conflict('id', 'appeal.stale', 'The attempt no longer stands under the annulment appealed.');
          const restored = { ...attempt, ...reinstated(attempt, now) };
          let scoring: Partial<Attempt> = {};
          if (restored.status === 'submitted') {
            const scored = await attempts.scoreStored(restored);
            scoring = scored.ok
              ? { result: scored.result, points: String(scored.result.points), passed: scored.result.passed }
              : { scoringHold: { problems: scored.problems, heldAt: now.toISOString() } };
            sittingId = attempt.sittingId;
          }
          await attemptsRepository.update(attempt.id, { ...reinstated(attempt, now), ...scoring });
          outcome = {
            reinstatedAs: restored.status,
            points: scoring.points ?? null,
            passed: scoring.passed ?? null,
            held: Boolean(scoring.scoringHold),
          };
        }
        await repository.update(id, {
          status: upheld ? 'upheld' : 'rejected',
          decidedBy: actor.id,
          decidedAt: now,
          decisionReason: body.reason,
        });
        await notices.notify({ userId: appeal.userId, kind: 'appeal-decided', ref: id, params: { upheld } });
        await audit.append(
          auditEvent(actor, 'annulment_appeal.decided', 'annulment_appeal', id, {
            attemptId: appeal.attemptId,
            outcome: body.outcome,
            reason: body.reason,
            annulledBy: appeal.annulledBy,
            ...outcome,
          }),
          now,
        );
        return sittingId;
      });
      // A reinstated result of a published sitting goes out as a new revision, like a re-scored one.
      if (republishSitting && deps.republish)
        await deps.republish([republishSitting], { attemptReinstated: (await repository.one(id))!.appeal.attemptId });
      return staffView((await repository.one(id))!);
    },
  };
}

export type AnnulmentAppealsService = ReturnType<typeof createAnnulmentAppealsService>;
