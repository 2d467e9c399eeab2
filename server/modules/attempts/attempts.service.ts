import { randomBytes, randomUUID } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Db } from '../../../db/index';
import { outside, transaction } from '../../../db/transaction';
import type { Attempt, Booking, Sitting } from '../../../db/schema/index';
import type { Blueprint } from '../../core/blueprint';
import {
  CURRENT_LABEL_SCHEME,
  preparePaper,
  type LabelScheme,
  type OptionLabels,
  type PoolItem,
} from '../../core/paper/index';
import { paperSeed } from '../../core/paper-seed';
import {
  fitAnswer,
  scoreAttempt,
  ScoringInputError,
  type Answer,
  type AnswerFit,
  type ScoringInputProblem,
  type ScoringResult,
} from '../../core/scoring/index';
import { attemptDeadline, startRefusal, withinGrace } from '../../core/sitting-time';
import { conflict, NotFoundError, UnprocessableError, ValidationError } from '../../errors';
import type { RulingsRepository } from '../appeals/rulings.repository';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { SettingsRepository } from '../settings/settings.repository';
import type { Actor } from '../../actor';
import { AnswerSchema, type SaveAnswerBody } from './attempts.schemas';
import type { AttemptsRepository } from './attempts.repository';
import { answerAsShown, labelKeyOf, labelsOf, shownSections, type LabelKey } from './paper-view';
import { isHeld } from './scoring-hold';
import { checkUnsentFile, unsentAnswersKey } from './unsent-answers';

const PAPER_SECRET_KEY = 'paper.secret';
const SWEEP_BATCH = 200;
const SWEEP_PARALLEL = 8;
/** Attempts whose label scheme a process keeps: a 10,000-candidate day several times over, ≈ 100 bytes each. */
const SCHEMES_KEPT = 50_000;

/** Where a candidate stands once results are published (answered by server/modules/results/standing.ts). */
export interface ResultStanding {
  rank: { position: number; of: number } | null;
  certificateId: string | null;
}

const UNPUBLISHED: ResultStanding = { rank: null, certificateId: null };

/** What a result view reads of an attempt: never its paper. */
export type ResultAttempt = Pick<
  Attempt,
  'id' | 'status' | 'result' | 'submittedAt' | 'finalisedBy' | 'annulReason' | 'scoringHold'
>;

/** The result as a candidate sees it: sections and total, no item-level key; rank and appeal window once published. */
export function resultView(
  attempt: ResultAttempt,
  sitting: Sitting,
  candidateCode: string,
  now: Date,
  standing: ResultStanding = UNPUBLISHED,
) {
  const blueprint = sitting.blueprint!;
  const result = attempt.result;
  const published = sitting.resultsPublishedAt !== null;
  return {
    attemptId: attempt.id,
    status: attempt.status,
    sittingCode: sitting.code,
    candidateCode,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    finalisedBy: attempt.finalisedBy,
    annulReason: attempt.status === 'annulled' ? attempt.annulReason : null,
    held: isHeld(attempt.scoringHold),
    score:
      attempt.status === 'annulled' || !result || isHeld(attempt.scoringHold)
        ? null
        : {
            points: result.points,
            maxPoints: result.maxPoints,
            passMark: blueprint.passMark,
            passed: result.passed,
            sections: result.sections.map((s) => ({
              index: s.index,
              title: blueprint.sections[s.index]!.title,
              points: s.points,
              maxPoints: s.maxPoints,
              correct: s.correct,
              wrong: s.wrong,
              unanswered: s.unanswered,
              minCorrect: s.minCorrect,
              metMinimum: s.metMinimum,
            })),
            failReasons: result.failReasons.map((r) =>
              r.code === 'section-minimum' ? { code: r.code, section: r.section } : { code: r.code },
            ),
            scoringVersion: result.scoringVersion,
            inputDigest: result.inputDigest,
          },
    rank: standing.rank,
    published,
    appealClosesAt: sitting.appealClosesAt?.toISOString() ?? null,
    appealOpen: published && sitting.appealClosesAt !== null && now.getTime() < sitting.appealClosesAt.getTime(),
    certificateId: standing.certificateId,
    writtenItems: result ? result.items.filter((i) => i.outcome === 'pending').length : 0,
  };
}

export function createAttemptsService(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  repository: AttemptsRepository;
  /** The keys and annulments in force (server/modules/appeals/rulings.repository.ts). */
  rulings: Pick<RulingsRepository, 'inForce'>;
  settings: SettingsRepository;
  audit: AuditRepository;
  /** The candidate's rank and certificate once results are published: another domain's step, passed in. */
  standing: (sitting: Sitting, attemptId: string) => Promise<ResultStanding>;
}) {
  const { db, clock, config, repository, rulings, settings, audit } = deps;
  const graceMs = config.attempts.graceMs;
  let secret: string | undefined;

  /**
   * The server's paper secret, made once per installation and kept in the database. Made and read outside
   * any transaction (callers ask before opening theirs: the embedded engine has one connection, which a
   * transaction holds), so a caller's rollback can never undo a secret this process has already cached.
   */
  async function paperSecret(): Promise<string> {
    if (secret) return secret;
    return outside(async () => {
      const stored = await settings.get<string>(PAPER_SECRET_KEY);
      if (stored) return (secret = stored);
      await settings.setIfAbsent(PAPER_SECRET_KEY, randomBytes(32).toString('hex'));
      return (secret = (await settings.get<string>(PAPER_SECRET_KEY))!);
    });
  }

  /**
   * Each attempt's label scheme, fixed when its paper is drawn, so keeping it is safe in any number of
   * processes. An autosave fits the answer to its labels before the one statement that reads the attempt,
   * so it learns the scheme here: read at most once per attempt and process, and usually not at all
   * (the paper view, which every start and reload reads first, fills it in).
   */
  const schemes = new Map<string, LabelScheme>();
  function keepScheme(id: string, scheme: LabelScheme) {
    if (!schemes.has(id) && schemes.size >= SCHEMES_KEPT) schemes.delete(schemes.keys().next().value!);
    schemes.set(id, scheme);
  }

  /** The attempt's label key: the seed recomputed, the scheme remembered or read. */
  async function labelKeyFor(id: string): Promise<LabelKey> {
    const seed = paperSeed(await paperSecret(), id);
    let scheme = schemes.get(id);
    if (scheme === undefined) {
      const read = await repository.labelScheme(id);
      // No such attempt: any scheme does, the save that follows refuses it.
      if (read === undefined) return { seed, scheme: CURRENT_LABEL_SCHEME };
      keepScheme(id, (scheme = read));
    }
    return { seed, scheme };
  }

  async function ownAttempt(userId: string, id: string) {
    const row = await repository.findOwn(userId, id);
    if (!row) throw new NotFoundError('No such attempt.');
    return row;
  }

  /**
   * Scores and closes a started attempt, under its row lock. Returns the attempt as it then stands (its result's columns, not its paper).
   * An attempt whose inputs cannot be scored is closed all the same and held back (`scoringHold`),
   * for an administrator to see by name: it never fails the caller, so it blocks nobody else.
   */
  async function finalise(id: string, by: 'candidate' | 'deadline', blueprint?: Blueprint): Promise<ResultAttempt> {
    const attempt = (await repository.lockToFinalise(id))!;
    if (attempt.status !== 'started') return attempt;
    const now = clock();
    // An attempt finalised late by the sweeper is dated at its deadline, when it really ended.
    const closed = { submittedAt: by === 'deadline' ? attempt.deadline! : now, finalisedBy: by };
    const scored = await scoreStored(attempt, blueprint);
    return (await repository.close(
      id,
      closed,
      scored.ok ? { result: scored.result } : { scoringHold: { problems: scored.problems, heldAt: now.toISOString() } },
    ))!;
  }

  /**
   * The attempt scored from what is stored: its paper, answers, the blueprint, and the keys and
   * annulments in force (so an attempt finalised after an upheld appeal follows it too).
   */
  async function scoreStored(
    attempt: Pick<Attempt, 'id' | 'paper' | 'versionIds'>,
    /** The sitting's blueprint when the caller has it already (it never changes once papers are drawn). */
    known?: Blueprint,
  ): Promise<{ ok: true; result: ScoringResult } | { ok: false; problems: ScoringInputProblem[] }> {
    const [blueprint, answerRows, inForce] = await Promise.all([
      known ?? repository.find(attempt.id).then((row) => row!.sitting.blueprint!),
      repository.answers(attempt.id),
      rulings.inForce(attempt.versionIds),
    ]);
    const answers: Record<string, Answer> = {};
    for (const a of answerRows) if (a.answer) answers[a.versionId] = a.answer;
    try {
      const result = scoreAttempt({
        paper: attempt.paper,
        answers,
        keys: inForce.keys,
        blueprint,
        annulments: inForce.annulments,
      });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof ScoringInputError) return { ok: false, problems: [...error.problems] };
      throw error;
    }
  }

  /**
   * The answer as it would be stored: the labels the candidate saw turned back into the item's own
   * option ids, or why it does not fit the item (DESIGN.md rules 11 and 12). Undefined for a version
   * that does not exist. Costs no query once the version and the attempt's label scheme are known: the
   * seed is recomputed, not read.
   */
  async function fitToItem(
    attemptId: string,
    body: SaveAnswerBody,
  ): Promise<(AnswerFit & { labels: OptionLabels }) | undefined> {
    // The answer's own shape first: a malformed one is refused by field before anything is read.
    const answer = toAnswer(body.answer);
    const [version] = await repository.contents([body.versionId]);
    if (!version) return undefined;
    const labels = labelsOf(await labelKeyFor(attemptId), body.versionId, version.content);
    const fit: AnswerFit =
      answer === null ? { ok: true, answer: null } : fitAnswer(version.content, answer, labels.authored);
    return { ...fit, labels };
  }

  /** The caller's attempt without its paper (`resultContext`), or not found. */
  async function ownResultContext(userId: string, id: string) {
    const row = await repository.resultContext(userId, id);
    if (!row) throw new NotFoundError('No such attempt.');
    return row;
  }

  /**
   * Submits (idempotently) and returns the result's view without its standing. Reads the attempt's state
   * only: a submit waiting for the pool holds no paper. The finalising transaction reads, under the row's
   * lock, what scoring needs, and this function's frame (the finalised row) is gone once it returns.
   */
  async function submitted(userId: string, id: string) {
    const { attempt: before, sitting, booking } = await ownResultContext(userId, id);
    if (before.status === 'ready')
      throw conflict('id', 'attempt.not_started', 'This attempt has not been started yet.');
    let attempt: ResultAttempt = before;
    if (before.status === 'started') {
      const late = !withinGrace(before.deadline!, graceMs, clock());
      // The attempt as the finalising transaction left it (or found it, if another request or the
      // sweeper was first): read under its lock, its result's columns only, so nothing is read again after it.
      attempt = await transaction(db, () => finalise(id, late ? 'deadline' : 'candidate', sitting.blueprint!));
    }
    return { view: resultView(attempt, sitting, booking.candidateCode, clock()), sitting };
  }

  /** A finished attempt's result view without its standing; finalises it first if its time is up. */
  async function finishedView(userId: string, id: string) {
    let row = await ownResultContext(userId, id);
    if (await finaliseIfDue(row.attempt)) row = await ownResultContext(userId, id);
    if (row.attempt.status === 'ready' || row.attempt.status === 'started')
      throw conflict('id', 'attempt.not_finished', 'This attempt has not finished yet.');
    return { view: resultView(row.attempt, row.sitting, row.booking.candidateCode, clock()), sitting: row.sitting };
  }

  /** Finalises an attempt whose deadline has passed, if nobody did yet (a lazy read or the sweeper). */
  async function finaliseIfDue(attempt: Pick<Attempt, 'id' | 'status' | 'deadline'>): Promise<boolean> {
    if (attempt.status !== 'started' || withinGrace(attempt.deadline!, graceMs, clock())) return false;
    await transaction(db, () => finalise(attempt.id, 'deadline'));
    return true;
  }

  return {
    /**
     * Draws every booked candidate's paper when booking closes, so the start is one state change.
     * Runs inside the closing transaction: the roster and the papers are fixed together.
     */
    async drawPapers(
      secretKey: string,
      sitting: Sitting,
      blueprint: Blueprint,
      pool: PoolItem[],
      roster: Pick<Booking, 'id' | 'userId'>[],
    ) {
      const drawer = preparePaper(blueprint, pool);
      const key = secretKey;
      const now = clock();
      const used = new Set<string>();
      const rows = roster.map((booking) => {
        const id = randomUUID();
        const seed = paperSeed(key, id);
        const paper = { ...drawer.draw(seed), labels: CURRENT_LABEL_SCHEME };
        const versionIds = paper.sections.flatMap((s) => s.items.map((i) => i.versionId));
        for (const v of versionIds) used.add(v);
        return {
          id,
          bookingId: booking.id,
          sittingId: sitting.id,
          userId: booking.userId,
          seed,
          paper,
          versionIds,
          createdAt: now,
        };
      });
      await repository.insertMany(rows);
      await repository.markVersionsUsed([...used], now);
      return rows.length;
    },

    paperSecret,

    /** Scores and closes a started attempt inside the caller's transaction (publication closes stragglers). */
    finalise,

    /** Scores an attempt from what is stored, without changing it (releasing a held attempt). */
    scoreStored,

    /** The seed an attempt's paper was drawn from, recomputed: for checking a stored paper. */
    async seedFor(attemptId: string): Promise<string> {
      return paperSeed(await paperSecret(), attemptId);
    },

    /** What the attempt's option labels derive from (its seed and label scheme): for showing an answer as its candidate would. */
    labelKeyFor,

    /** Starts the attempt of the caller's booking: fixes the deadline. A second start returns the first. */
    async start(userId: string, bookingId: string) {
      const now = clock();
      const owned = await repository.startContext(userId, bookingId);
      if (!owned) {
        // No paper yet: tell an owner why, and a stranger nothing.
        const booking = await repository.ownBooking(userId, bookingId);
        if (!booking) throw new NotFoundError('No such booking.');
        if (booking.status === 'cancelled')
          throw conflict('bookingId', 'booking.cancelled', 'This booking was cancelled.');
        throw conflict('bookingId', 'attempt.not_ready', 'The papers for this sitting are not ready yet.');
      }
      const { sitting, booking } = owned;
      let current = owned.attempt;
      if (current.status === 'annulled') throw conflict('bookingId', 'attempt.annulled', 'This attempt was annulled.');
      if (current.status === 'ready') {
        const refusal = startRefusal(sitting, now);
        if (refusal) throw conflict('bookingId', `attempt.${refusal}`, startMessages[refusal]);
        const deadline = attemptDeadline({
          startedAt: now,
          durationMinutes: sitting.durationMinutes,
          extraTimePercent: booking.extraTimePercent,
          endsAt: sitting.endsAt,
        });
        // The start is this one state change. When it changes nothing, the row was busy (a second
        // start, or a mark at the door being written) or the candidate was stopped at the door: wait
        // for the row, try once more on a fresh snapshot, and otherwise say why.
        current =
          (await repository.start(current.id, now, deadline)) ??
          (await transaction(db, async () => {
            await repository.waitForRow(current.id);
            return repository.start(current.id, now, deadline);
          })) ??
          (await repository.startContext(userId, bookingId))!.attempt;
        if (current.status === 'ready') {
          const mark = await repository.doorMark(bookingId);
          if (mark === 'absent')
            throw conflict('bookingId', 'attempt.marked_absent', 'You were marked absent at the door.');
          if (mark === 'turned-away')
            throw conflict('bookingId', 'attempt.turned_away', 'You were turned away at the door.');
          throw conflict('bookingId', 'attempt.busy', 'The exam could not be started just now; try again.');
        }
      }
      return {
        attemptId: current.id,
        status: current.status,
        startedAt: current.startedAt!.toISOString(),
        deadline: current.deadline!.toISOString(),
        serverNow: now.toISOString(),
      };
    },

    /** The candidate's own paper, in the exam language, with their saved answers and no key. */
    async view(userId: string, id: string) {
      let row = await ownAttempt(userId, id);
      if (row.attempt.status === 'ready')
        throw conflict('id', 'attempt.not_started', 'This attempt has not been started yet.');
      if (await finaliseIfDue(row.attempt)) row = await ownAttempt(userId, id);
      const { attempt, sitting, booking } = row;
      const blueprint = sitting.blueprint!;
      const [contents, answers] = await Promise.all([repository.contents(attempt.versionIds), repository.answers(id)]);
      const byId = new Map(contents.map((c) => [c.id, c.content]));
      const labels = new Map<string, OptionLabels>();
      const key = labelKeyOf(attempt);
      keepScheme(attempt.id, key.scheme);
      return {
        id: attempt.id,
        status: attempt.status,
        sittingCode: sitting.code,
        candidateCode: booking.candidateCode,
        language: blueprint.language,
        serverNow: clock().toISOString(),
        startedAt: attempt.startedAt?.toISOString() ?? null,
        deadline: attempt.deadline?.toISOString() ?? null,
        graceSeconds: Math.floor(graceMs / 1000),
        sections: shownSections(attempt.paper, blueprint, key, byId, blueprint.language, (item, shown, content) => {
          labels.set(item.versionId, shown.labels);
          return content.expectedLength ? { expectedLength: content.expectedLength } : {};
        }),
        answers: answers.map((a) => ({
          versionId: a.versionId,
          answer: answerAsShown(a.answer, labels.get(a.versionId)!),
          flagged: a.flagged,
          seq: a.seq,
        })),
      };
    },

    /** The autosave (DESIGN.md rule 2): acknowledged only once committed; stale writes change nothing. */
    async save(userId: string, id: string, body: SaveAnswerBody) {
      const now = clock();
      const fit = await fitToItem(id, body);
      if (fit?.ok) {
        const stored = await repository.saveAnswer({
          attemptId: id,
          userId,
          ...body,
          answer: fit.answer,
          now,
          graceMs,
        });
        if (stored)
          return { versionId: body.versionId, seq: stored.seq, applied: true, savedAt: stored.savedAt.toISOString() };
      }

      // Nothing written: find out why, off the hot path. A stranger learns nothing, not even that the answer was odd.
      const { attempt } = await ownAttempt(userId, id);
      if (attempt.status === 'started' && !withinGrace(attempt.deadline!, graceMs, now))
        throw conflict('deadline', 'attempt.deadline_passed', 'Time is up: answers can no longer be changed.');
      if (attempt.status === 'submitted' && attempt.finalisedBy === 'deadline')
        throw conflict('deadline', 'attempt.deadline_passed', 'Time is up: answers can no longer be changed.');
      if (attempt.status !== 'started')
        throw conflict('id', 'attempt.not_in_progress', 'This attempt is not in progress.');
      if (!fit || !attempt.versionIds.includes(body.versionId))
        throw ValidationError.field('versionId', 'not_on_paper', 'This question is not on your paper.');
      if (!fit.ok) throw new UnprocessableError([fit.misfit]);
      // A newer write is stored: send it back, under the candidate's labels, so the page can show what the server holds.
      const current = (await repository.answer(id, body.versionId))!;
      return {
        versionId: body.versionId,
        seq: current.seq,
        applied: false,
        savedAt: current.savedAt.toISOString(),
        stored: { answer: answerAsShown(current.answer, fit.labels), flagged: current.flagged },
      };
    },

    /** Submission: idempotent, one result per attempt (DESIGN.md rule 3). */
    async submit(userId: string, id: string) {
      // The view is made before the standing is read, by a function of its own, so that no variable of
      // this one holds the finalised row (its paper among it) while the standing's reads wait for the pool.
      const { view, sitting } = await submitted(userId, id);
      return withStanding(view, await deps.standing(sitting, id));
    },

    async result(userId: string, id: string) {
      const { view, sitting } = await finishedView(userId, id);
      return withStanding(view, await deps.standing(sitting, id));
    },

    /**
     * Finalises every attempt past its deadline plus grace, each in its own transaction, and returns how
     * many. One that fails for any reason is left for the next cycle and never stops the others: they are
     * all done first, then the failures are thrown together for the caller to log.
     */
    async sweep(): Promise<number> {
      let total = 0;
      const failed = new Map<string, unknown>();
      for (;;) {
        const due = await repository.overdue(clock(), graceMs, SWEEP_BATCH, [...failed.keys()]);
        // A few at a time: after a synchronised deadline thousands are due at once, and one by one
        // would leave most of them waiting behind each other's round trips.
        for (let i = 0; i < due.length; i += SWEEP_PARALLEL) {
          const slice = due.slice(i, i + SWEEP_PARALLEL);
          // Each its own top-level transaction (never savepoints of a caller's): one failure rolls back only itself.
          const outcomes = await Promise.allSettled(
            slice.map((id) => outside(() => transaction(db, () => finalise(id, 'deadline')))),
          );
          outcomes.forEach((outcome, k) => {
            if (outcome.status === 'fulfilled') total++;
            else failed.set(slice[k]!, outcome.reason);
          });
        }
        if (due.length < SWEEP_BATCH) break;
      }
      if (failed.size > 0)
        throw new AggregateError(
          [...failed.values()],
          `The sweeper finalised ${total} attempts but could not finalise ${[...failed.keys()].join(', ')}.`,
        );
      return total;
    },

    /** Administrator: more time for one candidate after a local incident. Audited. */
    /** `link` names what led to the action (a room incident) in its audit entry. */
    async extend(actor: Actor, id: string, minutes: number, reason: string, link: { incidentId?: string } = {}) {
      const now = clock();
      await transaction(db, async () => {
        const attempt = await repository.lock(id);
        if (!attempt) throw new NotFoundError('No such attempt.');
        if (attempt.status !== 'started')
          throw conflict('id', 'attempt.not_in_progress', 'Only an attempt in progress can be extended.');
        const deadline = new Date(attempt.deadline!.getTime() + minutes * 60_000);
        await repository.update(id, { deadline, extraMinutes: attempt.extraMinutes + minutes });
        await audit.append(
          auditEvent(actor, 'attempt.extended', 'attempt', id, {
            minutes,
            reason,
            from: attempt.deadline!.toISOString(),
            to: deadline.toISOString(),
            ...link,
          }),
          now,
        );
      });
      return id;
    },

    /**
     * Administrator: accepts the answers of a candidate's file of unsent answers into their closed
     * attempt, under the local-incident rule (README): before the sitting's results are published, only
     * a file this attempt's room signed and nobody altered, only questions on the paper whose stored
     * answer is older than the file's, each fitting its question, with the reason; then the attempt is
     * scored again. All or nothing; audited with every answer before and after.
     */
    async acceptUnsent(actor: Actor, id: string, file: string, reason: string) {
      const now = clock();
      const secretKey = await paperSecret();
      return transaction(db, async () => {
        const attempt = await repository.lock(id);
        if (!attempt) throw new NotFoundError('No such attempt.');
        const { sitting } = (await repository.find(id))!;
        if (sitting.resultsPublishedAt)
          throw conflict('id', 'results.published', 'The results are published: a file can no longer be accepted.');
        if (attempt.status === 'annulled') throw conflict('id', 'attempt.annulled', 'This attempt was annulled.');
        if (attempt.status !== 'submitted')
          throw conflict('id', 'attempt.not_finished', 'The candidate can still save their own answers.');
        const checked = checkUnsentFile(file, id, unsentAnswersKey(secretKey, id));
        if (!checked.valid)
          throw new UnprocessableError([
            {
              field: 'file',
              code: `unsent.${checked.reason}`,
              message: 'The file is not this attempt’s, or was altered.',
            },
          ]);

        const stored = new Map((await repository.answers(id)).map((a) => [a.versionId, a]));
        const contents = new Map((await repository.contents(attempt.versionIds)).map((c) => [c.id, c.content]));
        const number = (versionId: string) => attempt.versionIds.indexOf(versionId) + 1;
        const accepted: { versionId: string; seq: number; answer: Answer | null; flagged: boolean }[] = [];
        const notNewer: number[] = [];
        for (const entry of checked.answers) {
          const content = contents.get(entry.versionId);
          if (!content || !attempt.versionIds.includes(entry.versionId))
            throw new UnprocessableError([
              { field: 'file', code: 'unsent.not_on_paper', message: 'The file answers a question not on this paper.' },
            ]);
          const before = stored.get(entry.versionId);
          if (before && before.seq >= entry.seq) {
            notNewer.push(number(entry.versionId));
            continue;
          }
          const shaped = Value.Check(AnswerSchema, entry.answer) || entry.answer === null;
          const wire = shaped ? (entry.answer as SaveAnswerBody['answer']) : undefined;
          const answer = wire === undefined ? undefined : answerOrUndefined(wire);
          const labels = labelsOf(labelKeyOf(attempt), entry.versionId, content);
          const fit: AnswerFit | undefined =
            answer === undefined
              ? undefined
              : answer === null
                ? { ok: true, answer: null }
                : fitAnswer(content, answer, labels.authored);
          if (!fit?.ok)
            throw new UnprocessableError([
              {
                field: 'file',
                code: 'unsent.answer_does_not_fit',
                message: `The answer to question ${number(entry.versionId)} does not fit it.`,
              },
            ]);
          accepted.push({ versionId: entry.versionId, seq: entry.seq, answer: fit.answer, flagged: entry.flagged });
        }
        if (accepted.length === 0)
          throw conflict(
            'file',
            'unsent.nothing_newer',
            'The server already holds every answer in the file, or newer.',
          );

        await repository.putAnswers(id, accepted, now);
        const pointsBefore = attempt.result?.points ?? null;
        const scored = await scoreStored(attempt);
        await repository.update(
          id,
          scored.ok
            ? { result: scored.result, points: String(scored.result.points), passed: scored.result.passed }
            : { scoringHold: { problems: scored.problems, heldAt: now.toISOString() } },
        );
        const pointsAfter = scored.ok ? scored.result.points : null;
        await audit.append(
          auditEvent(actor, 'attempt.unsent_accepted', 'attempt', id, {
            reason,
            recordedAt: checked.recordedAt,
            answers: accepted.map((a) => ({
              versionId: a.versionId,
              before: stored.get(a.versionId)?.answer ?? null,
              after: a.answer,
              seq: a.seq,
            })),
            pointsBefore,
            pointsAfter,
          }),
          now,
        );
        return {
          attemptId: id,
          accepted: accepted.map((a) => number(a.versionId)).sort((a, b) => a - b),
          notNewer: notNewer.sort((a, b) => a - b),
          pointsBefore,
          pointsAfter,
          held: !scored.ok,
        };
      });
    },

    /** Stored answers under the labels the candidate saw: for setting a file's answers beside them. */
    async storedAsShown(id: string) {
      const attempt = (await repository.find(id))?.attempt;
      if (!attempt) return new Map<string, Answer | null>();
      const [answers, contents] = await Promise.all([repository.answers(id), repository.contents(attempt.versionIds)]);
      const content = new Map(contents.map((c) => [c.id, c.content]));
      return new Map(
        answers.map((a) => {
          const item = content.get(a.versionId);
          return [
            a.versionId,
            item ? answerAsShown(a.answer, labelsOf(labelKeyOf(attempt), a.versionId, item)) : a.answer,
          ];
        }),
      );
    },

    /** Administrator: annuls an attempt for a rule breach, with the reason. Audited; answers are kept. */
    async annul(actor: Actor, id: string, reason: string, link: { incidentId?: string } = {}) {
      const now = clock();
      await transaction(db, async () => {
        const attempt = await repository.lock(id);
        if (!attempt) throw new NotFoundError('No such attempt.');
        if (attempt.status === 'annulled')
          throw conflict('id', 'attempt.annulled', 'This attempt is already annulled.');
        await repository.update(id, { status: 'annulled', annulledAt: now, annulledBy: actor.id, annulReason: reason });
        await audit.append(
          auditEvent(actor, 'attempt.annulled', 'attempt', id, { reason, previousStatus: attempt.status, ...link }),
          now,
        );
      });
      return id;
    },
  };
}

/** `toAnswer`, with undefined for a malformed answer instead of a refusal naming the request's field. */
function answerOrUndefined(answer: SaveAnswerBody['answer']): Answer | null | undefined {
  try {
    return toAnswer(answer);
  } catch {
    return undefined;
  }
}

/** The wire's flat answer as the scoring core's answer; a kind without its part is refused by field. */
function toAnswer(answer: SaveAnswerBody['answer']): Answer | null {
  if (answer === null) return null;
  if (answer.kind === 'choice') {
    if (answer.text !== undefined || !answer.optionIds)
      throw ValidationError.field('answer.optionIds', 'required', 'A choice answer lists the chosen options.');
    return { kind: 'choice', optionIds: answer.optionIds };
  }
  if (answer.optionIds !== undefined || answer.text === undefined)
    throw ValidationError.field('answer.text', 'required', 'A text answer carries the text.');
  return { kind: 'text', text: answer.text };
}

/** A result view with the candidate's standing (rank and certificate once published) put in. */
function withStanding(view: ReturnType<typeof resultView>, standing: ResultStanding): ReturnType<typeof resultView> {
  return { ...view, rank: standing.rank, certificateId: standing.certificateId };
}

const startMessages = {
  entry_not_open: 'The entry window has not opened yet.',
  entry_closed: 'The entry window has closed.',
  finished: 'This sitting has ended.',
} as const;

export type AttemptsService = ReturnType<typeof createAttemptsService>;
