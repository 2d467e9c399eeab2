import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { DecisionOutcome } from '../../../db/schema/index';
import { canonicalJson } from '../../core/canonical-json';
import type { Paper } from '../../core/paper/index';
import type { QuestionContent, QuestionKey } from '../../core/question';
import { isBlankText } from '../../core/scoring/index';
import { conflict, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Notify } from '../notices/notify';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogEvent, LogService } from '../log/log.service';
import type { SignedInActor } from '../../actor';
import type { QuestionsService } from '../questions/questions.service';
import type {
  AppealView,
  DecisionBody,
  DecisionView,
  FileAppealBody,
  QueueAppeal,
  QueueGroup,
  VersionRecord,
} from './appeals.schemas';
import type { Static } from '@sinclair/typebox';
import type { AppealRow, AppealsRepository, DecisionRow } from './appeals.repository';
import type { RescoringService } from './rescoring.service';
import type { RulingsRepository } from './rulings.repository';

const UPHELD: readonly DecisionOutcome[] = ['annul', 'accept-answer', 'correct-key'];
const WITH_KEY: readonly DecisionOutcome[] = ['accept-answer', 'correct-key'];

/** The item's 1-based position on this paper: the same version sits at different numbers on different variants. */
export function numberOn(paper: Paper, versionId: string): number {
  let number = 0;
  for (const section of paper.sections) {
    for (const item of section.items) {
      number += 1;
      if (item.versionId === versionId) return number;
    }
  }
  return 0;
}

function appealView(row: AppealRow): AppealView {
  const { appeal, decision } = row;
  // An upheld decision reaches the appellant only once confirmed; a rejection is final when written.
  const final = decision && decision.status === 'final';
  return {
    id: appeal.id,
    attemptId: appeal.attemptId,
    sittingCode: row.sittingCode,
    versionId: appeal.versionId,
    number: numberOn(row.paper, appeal.versionId),
    reason: appeal.reason,
    status: appeal.status,
    createdAt: appeal.createdAt.toISOString(),
    decision: final
      ? {
          outcome: decision.outcome,
          reason: decision.reason,
          decidedBy: { name: row.deciderName!, role: row.deciderRole! },
          decidedAt: decision.decidedAt.toISOString(),
          confirmedBy: row.confirmerName ? { name: row.confirmerName, role: row.confirmerRole! } : null,
          confirmedAt: decision.confirmedAt?.toISOString() ?? null,
        }
      : null,
  };
}

function decisionView(row: DecisionRow): DecisionView {
  const { decision } = row;
  return {
    id: decision.id,
    versionId: decision.versionId,
    outcome: decision.outcome,
    reason: decision.reason,
    key: decision.key ?? null,
    status: decision.status,
    decidedBy: { id: decision.decidedBy, name: row.deciderName, role: row.deciderRole },
    decidedAt: decision.decidedAt.toISOString(),
    confirmedBy:
      decision.confirmedBy && row.confirmerName
        ? { id: decision.confirmedBy, name: row.confirmerName, role: row.confirmerRole! }
        : null,
    confirmedAt: decision.confirmedAt?.toISOString() ?? null,
    closedBy:
      decision.closedBy && row.closerName
        ? { id: decision.closedBy, name: row.closerName, role: row.closerRole! }
        : null,
    closedAt: decision.closedAt?.toISOString() ?? null,
    closeReason: decision.closeReason ?? null,
    rescoringJobId: row.rescoringJobId ?? null,
  };
}

/**
 * Checks the key an upheld decision puts in force against the item: the item's own type and options;
 * for accept-answer, a short-answer key that keeps every accepted answer and adds one; for
 * correct-key, a key that differs from the one in force. Throws naming the field at fault.
 */
function checkKey(outcome: DecisionOutcome, key: QuestionKey, content: QuestionContent, current: QuestionKey) {
  const invalid = (field: string, code: string, message: string) => ValidationError.field(field, code, message);
  if (key.type !== content.type)
    throw invalid('key.type', 'mismatch', `The item is a ${content.type} item; the key must be of that type.`);
  if (key.type === 'essay')
    throw invalid('key.type', 'not_for_type', 'An essay is appealed against its marking, not its key.');
  if (outcome === 'accept-answer' && key.type !== 'short')
    throw invalid(
      'outcome',
      'not_for_type',
      'An additional answer can be accepted for a short-answer item; correct the key or annul a choice item.',
    );
  if (key.type === 'single' || key.type === 'multiple') {
    const options = new Set(content.options.map((o) => o.id));
    const unknown = key.correct.find((id) => !options.has(id));
    if (unknown !== undefined) throw invalid('key.correct', 'unknown_option', `The item has no option "${unknown}".`);
    if (new Set(key.correct).size !== key.correct.length)
      throw invalid('key.correct', 'duplicate', 'An option is named twice.');
  } else {
    if (key.accepted.some((entry) => Object.values(entry).every((text) => text === undefined || isBlankText(text))))
      throw invalid('key.accepted', 'blank', 'Every accepted answer needs a text in at least one language.');
    if (outcome === 'accept-answer' && current.type === 'short') {
      const given = new Set(key.accepted.map((entry) => canonicalJson(entry)));
      const kept = current.accepted.every((entry) => given.has(canonicalJson(entry)));
      if (!kept || given.size <= new Set(current.accepted.map((e) => canonicalJson(e))).size)
        throw invalid(
          'key.accepted',
          'must_extend',
          'Accepting an answer keeps every answer accepted so far and adds at least one.',
        );
    }
  }
  if (canonicalJson(key) === canonicalJson(current))
    throw invalid('key', 'unchanged', 'This is the key already in force.');
}

export function createAppealsService(deps: {
  db: Db;
  clock: Clock;
  repository: AppealsRepository;
  rulings: RulingsRepository;
  /** Queues the re-scoring an upheld appeal sets off (the rescoring service). */
  rescoring: Pick<RescoringService, 'queue'>;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** The bank's side of a ruling: an annulled version leaves the draw, a corrected key becomes a reviewed version. */
  bank: Pick<QuestionsService, 'applyRuling'>;
  /** Each appellant told when the decision on their appeal is final (issue 17). */
  notices: Pick<Notify, 'notifyMany'>;
}) {
  const { db, clock, repository, rulings, rescoring, log, audit, bank, notices } = deps;

  /** The appeals a final decision answered: each appellant is told once (the appeal's id is the event). */
  const tellAppellants = (answered: { id: string; userId: string }[], upheld: boolean) =>
    notices.notifyMany(
      answered.map((a) => ({ userId: a.userId, kind: 'appeal-decided' as const, ref: a.id, params: { upheld } })),
    );

  function queueAppeal(row: AppealRow): Static<typeof QueueAppeal> {
    return {
      id: row.appeal.id,
      candidateCode: row.candidateCode,
      sittingCode: row.sittingCode,
      number: numberOn(row.paper, row.appeal.versionId),
      reason: row.appeal.reason,
      status: row.appeal.status,
      createdAt: row.appeal.createdAt.toISOString(),
    };
  }

  /**
   * Closes an upheld decision awaiting confirmation without making it final: a second examiner
   * declines it, or its decider withdraws it. The appeals it would have answered stay pending, for a
   * new decision. Audited with the reason.
   */
  async function close(
    actor: SignedInActor,
    decisionId: string,
    reason: string,
    as: 'declined' | 'withdrawn',
  ): Promise<DecisionView> {
    const now = clock();
    await transaction(db, async () => {
      const decision = await repository.lockDecision(decisionId);
      if (!decision) throw new NotFoundError('No such decision.');
      if (decision.status !== 'awaiting-confirmation')
        throw conflict('id', 'decision.final', `This decision is ${decision.status}, not awaiting confirmation.`);
      if (as === 'declined' && decision.decidedBy === actor.id)
        throw new ForbiddenError('A second examiner declines this decision; its decider may withdraw it.');
      if (as === 'withdrawn' && decision.decidedBy !== actor.id)
        throw new ForbiddenError('Only the examiner who made this decision may withdraw it.');
      await repository.updateDecision(decisionId, {
        status: as,
        closedBy: actor.id,
        closedAt: now,
        closeReason: reason,
      });
      await audit.append(
        auditEvent(actor, as === 'declined' ? 'appeal.declined' : 'appeal.withdrawn', 'appeal_decision', decisionId, {
          versionId: decision.versionId,
          outcome: decision.outcome,
          decidedBy: decision.decidedBy,
          reason,
        }),
        now,
      );
    });
    return decisionById(decisionId);
  }

  async function decisionById(id: string): Promise<DecisionView> {
    const [row] = await repository.decisions({ ids: [id] });
    if (!row) throw new NotFoundError('No such decision.');
    return decisionView(row);
  }

  return {
    /** Applicant: an appeal against one item of their own paper, within the appeal window. */
    async file(actor: SignedInActor, attemptId: string, body: FileAppealBody): Promise<AppealView> {
      const now = clock();
      const attempt = await repository.ownAttempt(actor.id, attemptId);
      if (!attempt) throw new NotFoundError('No such attempt.');
      if (attempt.status === 'annulled') throw conflict('id', 'attempt.annulled', 'This attempt was annulled.');
      if (attempt.status !== 'submitted')
        throw conflict('id', 'attempt.not_finished', 'This attempt has not finished yet.');
      if (!attempt.versionIds.includes(body.versionId))
        throw ValidationError.field('versionId', 'not_on_paper', 'This question is not on your paper.');
      if (!attempt.resultsPublishedAt)
        throw conflict('id', 'results.not_published', 'The results of this sitting are not published yet.');
      if (!attempt.appealClosesAt || now.getTime() >= attempt.appealClosesAt.getTime())
        throw conflict('id', 'appeal.window_closed', 'The appeal window of this sitting has closed.');
      const created = await transaction(db, async () => {
        const appeal = await repository.insert({
          attemptId,
          userId: actor.id,
          versionId: body.versionId,
          reason: body.reason,
          createdAt: now,
        });
        if (!appeal) throw conflict('versionId', 'appeal.exists', 'You have already appealed against this item.');
        await audit.append(
          auditEvent(actor, 'appeal.filed', 'appeal', appeal.id, { attemptId, versionId: body.versionId }),
          now,
        );
        return appeal;
      });
      const [row] = await repository.own(actor.id, created.id);
      return appealView(row!);
    },

    /** Applicant: their own appeals, each with the written decision once it is final. */
    async own(userId: string): Promise<AppealView[]> {
      return (await repository.own(userId)).map(appealView);
    },

    /**
     * Examiners: appeals grouped by question version, so everyone who appealed the same item is read
     * together whatever its position on their variant, with the item and the key in force.
     */
    async queue(status: 'pending' | 'decided'): Promise<QueueGroup[]> {
      const rows = await repository.queue(status);
      const groupOf = (row: AppealRow) => (status === 'pending' ? row.appeal.versionId : row.appeal.decisionId!);
      const versionIds = [...new Set(rows.map((r) => r.appeal.versionId))];
      const [versions, inForce, decisions] = await Promise.all([
        repository.versions(versionIds),
        rulings.inForce(versionIds),
        status === 'pending'
          ? repository.decisions({ awaitingVersions: versionIds })
          : repository.decisions({ ids: [...new Set(rows.map(groupOf))] }),
      ]);
      const versionById = new Map(versions.map((v) => [v.id, v]));
      const decisionFor = new Map(
        decisions.map((d) => [status === 'pending' ? d.decision.versionId : d.decision.id, decisionView(d)]),
      );
      const groups = new Map<string, QueueGroup>();
      for (const row of rows) {
        const id = groupOf(row);
        let group = groups.get(id);
        if (!group) {
          const version = versionById.get(row.appeal.versionId)!;
          group = {
            versionId: version.id,
            questionId: version.questionId,
            type: version.content.type,
            text: version.content.text,
            options: version.content.options.map((o) => ({ id: o.id, text: o.text })),
            key: inForce.keys[version.id]!,
            appeals: [],
            decision: decisionFor.get(id) ?? null,
          };
          groups.set(id, group);
        }
        group.appeals.push(queueAppeal(row));
      }
      const list = [...groups.values()];
      // Pending: the longest-waiting item first. Decided: the latest decision first.
      return status === 'pending'
        ? list.sort((a, b) => a.appeals[0]!.createdAt.localeCompare(b.appeals[0]!.createdAt))
        : list.sort((a, b) => (b.decision?.decidedAt ?? '').localeCompare(a.decision?.decidedAt ?? ''));
    },

    /**
     * Examiners: the decision on every pending appeal against a version. A rejection is final at once
     * and answers them all; an upheld decision waits for a second examiner's confirmation.
     */
    async decide(actor: SignedInActor, versionId: string, body: DecisionBody): Promise<DecisionView> {
      if (WITH_KEY.includes(body.outcome) && !body.key)
        throw ValidationError.field('key', 'required', 'This decision puts a key in force: give it.');
      if (!WITH_KEY.includes(body.outcome) && body.key)
        throw ValidationError.field(
          'key',
          'not_allowed',
          'Only accepting an answer or correcting the key takes a key.',
        );
      const now = clock();
      const id = await transaction(db, async () => {
        const version = await repository.lockVersion(versionId);
        if (!version) throw new NotFoundError('No such question version.');
        if ((await repository.pendingCount(versionId)) === 0)
          throw conflict('versionId', 'appeal.none_pending', 'No appeal against this item is waiting for a decision.');
        if (await repository.awaitingFor(versionId))
          throw conflict(
            'versionId',
            'decision.awaiting_confirmation',
            'A decision on this item is waiting for a second examiner.',
          );
        if (body.key) {
          const { keys } = await rulings.inForce([versionId]);
          checkKey(body.outcome, body.key, version.content, keys[versionId]!);
        }
        const upheld = UPHELD.includes(body.outcome);
        const decision = await repository.insertDecision({
          versionId,
          outcome: body.outcome,
          key: body.key ?? null,
          reason: body.reason,
          status: upheld ? 'awaiting-confirmation' : 'final',
          decidedBy: actor.id,
          decidedAt: now,
        });
        const answered = upheld ? [] : await repository.resolvePending(versionId, 'rejected', decision.id);
        await tellAppellants(answered, false);
        await audit.append(
          auditEvent(actor, 'appeal.decided', 'appeal_decision', decision.id, {
            versionId,
            outcome: body.outcome,
            reason: body.reason,
            key: body.key ?? null,
            status: decision.status,
            appeals: answered.map((a) => a.id),
          }),
          now,
        );
        return decision.id;
      });
      return decisionById(id);
    },

    /**
     * A second examiner confirms an upheld decision (four eyes): the appeals are upheld, the ruling is
     * made and published in the log, and the re-scoring of every attempt that carried the item is
     * queued, all in one transaction. The re-scoring itself runs in the background.
     */
    async confirm(actor: SignedInActor, decisionId: string): Promise<DecisionView> {
      const now = clock();
      await transaction(db, async () => {
        const decision = await repository.lockDecision(decisionId);
        if (!decision) throw new NotFoundError('No such decision.');
        if (decision.status !== 'awaiting-confirmation')
          throw conflict('id', 'decision.final', 'This decision is already final.');
        if (decision.decidedBy === actor.id)
          throw new ForbiddenError('A second examiner must confirm this decision, not the one who made it.');
        const version = (await repository.lockVersion(decision.versionId))!;
        await repository.updateDecision(decisionId, { status: 'final', confirmedBy: actor.id, confirmedAt: now });
        const upheld = await repository.resolvePending(decision.versionId, 'upheld', decisionId);
        await tellAppellants(upheld, true);
        const annul = decision.outcome === 'annul';
        const event: LogEvent = annul
          ? { type: 'item.annulled', versionId: version.id, questionId: version.questionId, decisionId }
          : {
              type: 'key.changed',
              versionId: version.id,
              questionId: version.questionId,
              decisionId,
              outcome: decision.outcome,
              key: decision.key as unknown as LogEvent[string],
            };
        const [receipt] = await log.append([event]);
        const ruling = await rulings.insert({
          versionId: version.id,
          kind: annul ? 'annul' : 'key',
          key: annul ? null : decision.key,
          decisionId,
          logIndex: receipt!.logIndex,
          createdAt: now,
        });
        const job = await rescoring.queue(ruling.id, version.id);
        const bound = await bank.applyRuling(
          { versionId: version.id, kind: ruling.kind, key: ruling.key, decisionId },
          { decidedBy: decision.decidedBy, confirmedBy: actor.id },
          now,
        );
        await audit.append(
          auditEvent(actor, 'appeal.confirmed', 'appeal_decision', decisionId, {
            versionId: version.id,
            outcome: decision.outcome,
            decidedBy: decision.decidedBy,
            rulingId: ruling.id,
            logIndex: receipt!.logIndex,
            rescoringJobId: job.id,
            attempts: job.total,
            appeals: upheld.map((a) => a.id),
            questionId: bound.questionId,
            retiredFromDrawing: bound.retired,
            newVersion: bound.newVersion,
          }),
          now,
        );
      });
      return decisionById(decisionId);
    },

    /** A second examiner declines an upheld decision, with the reason: the appeals wait for a new decision. */
    decline: (actor: SignedInActor, decisionId: string, reason: string) => close(actor, decisionId, reason, 'declined'),

    /** The decider withdraws their upheld decision before it is confirmed, with the reason. */
    withdraw: (actor: SignedInActor, decisionId: string, reason: string) =>
      close(actor, decisionId, reason, 'withdrawn'),

    /** Examiners: one version's whole record before the commission (its page, linked from the bank). */
    async record(versionId: string): Promise<VersionRecord> {
      const [version] = await repository.versions([versionId]);
      if (!version) throw new NotFoundError('No such question version.');
      const [rows, inForce, decisions, rulingRows] = await Promise.all([
        repository.ofVersion(versionId),
        rulings.inForce([versionId]),
        repository.decisions({ version: versionId }),
        repository.rulingsOf(versionId),
      ]);
      const views = decisions.map(decisionView);
      // The decision waiting for a second examiner comes first: it is what the page acts on.
      views.sort((a, b) => Number(b.status === 'awaiting-confirmation') - Number(a.status === 'awaiting-confirmation'));
      return {
        versionId,
        questionId: version.questionId,
        version: version.version,
        type: version.content.type,
        text: version.content.text,
        options: version.content.options.map((o) => ({ id: o.id, text: o.text })),
        key: inForce.keys[versionId]!,
        appeals: rows.map(queueAppeal),
        decisions: views,
        rulings: rulingRows.map((r) => ({
          id: r.id,
          kind: r.kind,
          key: r.key ?? null,
          decisionId: r.decisionId,
          logIndex: r.logIndex ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
}

export type AppealsService = ReturnType<typeof createAppealsService>;
