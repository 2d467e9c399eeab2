import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { BlueprintRow, Category, Sitting, SittingChange, SittingStatus } from '../../../db/schema/index';
import type { Blueprint } from '../../core/blueprint';
import { InfeasibleBlueprintError } from '../../core/paper/index';
import { shiftShortfall, sittingPhase } from '../../core/sitting-time';
import { publicationStanding, publishableAt } from '../../core/publication-readiness';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import type { AttemptsRepository } from '../attempts/attempts.repository';
import { conflict } from '../../errors';
import type { AttemptsService } from '../attempts/attempts.service';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { BookingsRepository } from '../bookings/bookings.repository';
import { toBlueprint } from '../blueprints/to-blueprint';
import type { BlueprintsRepository } from '../blueprints/blueprints.repository';
import type { QuestionsService } from '../questions/questions.service';
import type { Actor } from '../../actor';
import type { LogService } from '../log/log.service';
import type { BoardResponse, PublicationReadiness, RescheduleBody, SittingBody, SittingView } from './sittings.schemas';
import type { SittingChangeNotice, SittingNotices } from './sitting-notices';
import { changeView, shiftProblem, timesOf } from './sitting-change';
import { grantedAccommodations, rosterView } from '../bookings/roster-view';
import type { RoomWithCount, SittingsRepository } from './sittings.repository';

const questionCount = (blueprint: Blueprint) => blueprint.sections.reduce((n, s) => n + s.count, 0);

/** The blueprint a sitting runs: the frozen copy once papers are drawn, the live one before. */
export function sittingBlueprint(sitting: Sitting, live: BlueprintRow): Blueprint {
  return sitting.blueprint ?? toBlueprint(live);
}

export function categoryView(category: Category) {
  return { code: category.code, parentCode: category.parentCode, name: category.name, rank: category.rank };
}

/** A sitting moved to a new timetable (`next`), or called off (`next` null), and why. */
interface TimetableChange {
  kind: SittingChange['kind'];
  reason: string;
  next: Pick<Sitting, 'startsAt' | 'entryClosesAt' | 'endsAt' | 'bookingClosesAt'> | null;
}

export function createSittingsService(deps: {
  db: Db;
  clock: Clock;
  repository: SittingsRepository;
  bookings: BookingsRepository;
  attemptsRepository: AttemptsRepository;
  /** Drawing the papers when booking closes (the attempts service). */
  attempts: Pick<AttemptsService, 'drawPapers' | 'paperSecret'>;
  blueprints: BlueprintsRepository;
  /** The bank's pool of approved items to draw from (the questions service). */
  questions: Pick<QuestionsService, 'pool'>;
  audit: AuditRepository;
  /** A rescheduling or cancellation of a sitting applicants could book is a public fact. */
  log: Pick<LogService, 'append'>;
  /** Telling each booked candidate of a change, in the change's transaction. */
  notices: SittingNotices;
  /** The autosave grace: an attempt past its deadline plus grace is over and is not extended. */
  graceMs?: number;
}) {
  const { db, clock, repository, bookings, attemptsRepository, attempts, blueprints, questions, audit, log, notices } =
    deps;
  const graceMs = deps.graceMs ?? 0;

  function view(
    row: { sitting: Sitting; blueprint: BlueprintRow; blueprintName: string; category: Category },
    rooms: RoomWithCount[],
    now: Date,
  ): SittingView {
    const { sitting } = row;
    const blueprint = sittingBlueprint(sitting, row.blueprint);
    return {
      id: sitting.id,
      code: sitting.code,
      categoryCode: sitting.categoryCode,
      categoryName: row.category.name,
      blueprintId: sitting.blueprintId,
      blueprintName: row.blueprintName,
      language: blueprint.language,
      durationMinutes: blueprint.durationMinutes,
      questionCount: questionCount(blueprint),
      mode: sitting.mode,
      status: sitting.status,
      phase: sittingPhase(sitting, now),
      startsAt: sitting.startsAt.toISOString(),
      entryClosesAt: sitting.entryClosesAt.toISOString(),
      endsAt: sitting.endsAt.toISOString(),
      bookingClosesAt: sitting.bookingClosesAt.toISOString(),
      arrivalMinutes: sitting.arrivalMinutes,
      papersDrawnAt: sitting.papersDrawnAt?.toISOString() ?? null,
      capacity: rooms.reduce((n, r) => n + r.capacity, 0),
      booked: rooms.reduce((n, r) => n + r.booked, 0),
      rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, booked: r.booked })),
    };
  }

  async function get(id: string): Promise<SittingView> {
    const row = await repository.find(id);
    if (!row) throw new NotFoundError('No such sitting.');
    const [rooms, changes] = await Promise.all([repository.rooms([id]), repository.changes([id])]);
    return { ...view(row, rooms, clock()), changes: changes.map(changeView) };
  }

  /** The sitting, locked for the rest of the transaction; 404 when there is none. */
  async function locked(id: string): Promise<Sitting> {
    const sitting = await repository.lock(id);
    if (!sitting) throw new NotFoundError('No such sitting.');
    return sitting;
  }

  /**
   * Records a sitting's move to a new timetable, or its cancellation, with the bookings it touched, and tells each
   * of those candidates why, inside the change's transaction.
   */
  async function recordChange(
    actor: Actor,
    sitting: Sitting,
    { kind, reason, next }: TimetableChange,
    recipients: SittingChangeNotice['recipients'],
    now: Date,
  ): Promise<void> {
    const change = await repository.insertChange({
      sittingId: sitting.id,
      kind,
      reason,
      previous: timesOf(sitting),
      next: next && timesOf(next),
      bookingIds: recipients.map((b) => b.id),
      changedBy: actor.id,
      changedAt: now,
    });
    await notices.sittingChanged({ sitting: { ...sitting, ...next }, change, recipients });
  }

  type Times = Pick<SittingBody, 'startsAt' | 'entryClosesAt' | 'endsAt' | 'bookingClosesAt'>;

  /**
   * The timetable's own order, and whether the shift honours the test and the largest accommodation
   * granted: the problems, each beside its field. An end before the start is an error, never the next day.
   */
  function timetableProblems(input: Times, durationMinutes: number | null, largestExtra: number): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const time = (field: keyof Times) => new Date(input[field]).getTime();
    if (!(time('bookingClosesAt') <= time('startsAt')))
      problems.push({ field: 'bookingClosesAt', code: 'after_start', message: 'Booking must close before the start.' });
    if (!(time('entryClosesAt') > time('startsAt')))
      problems.push({
        field: 'entryClosesAt',
        code: 'before_start',
        message: 'The entry window must close after the start.',
      });
    if (!(time('endsAt') > time('startsAt')))
      problems.push({ field: 'endsAt', code: 'before_start', message: 'The sitting must end after it starts.' });
    else if (!(time('endsAt') >= time('entryClosesAt')))
      problems.push({
        field: 'endsAt',
        code: 'before_entry_closes',
        message: 'The sitting must end after the entry window closes.',
      });
    else if (durationMinutes !== null) {
      const shortfall = shiftShortfall({
        entryClosesAt: new Date(input.entryClosesAt),
        endsAt: new Date(input.endsAt),
        durationMinutes,
        largestExtraTimePercent: largestExtra,
      });
      if (shortfall) problems.push(shiftProblem(shortfall));
    }
    return problems;
  }

  async function checkInput(input: SittingBody): Promise<void> {
    const blueprint = await blueprints.find(input.blueprintId);
    // A draft has no bookings, so no accommodation yet: the shift must hold the test itself.
    const problems = timetableProblems(input, blueprint?.durationMinutes ?? null, 0);
    if (input.mode === 'online' && input.rooms.length !== 1)
      problems.push({
        field: 'rooms',
        code: 'online_one_room',
        message: 'An online sitting has exactly one virtual room.',
      });
    const names = input.rooms.map((r) => r.name.trim().toLowerCase());
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        problems.push({ field: `rooms.${i}.name`, code: 'duplicate', message: 'Two rooms have the same name.' });
    });
    const category = await repository.category(input.categoryCode);
    if (!category) problems.push({ field: 'categoryCode', code: 'unknown', message: 'There is no such category.' });
    else if (category.parentCode === null)
      problems.push({ field: 'categoryCode', code: 'not_subgroup', message: 'Choose a subgroup, not a whole group.' });
    if (!blueprint) problems.push({ field: 'blueprintId', code: 'unknown', message: 'There is no such blueprint.' });
    else if (blueprint.archived)
      problems.push({ field: 'blueprintId', code: 'archived', message: 'This blueprint is archived.' });
    if (problems.length) throw new ValidationError(problems);
  }

  /** Closes booking: fixes the roster and draws every paper, in one transaction. */
  async function closeBooking(actor: Actor, id: string): Promise<SittingView> {
    const now = clock();
    // Read before the transaction: the embedded engine's one connection is held by it.
    const pool = await questions.pool();
    const secretKey = await attempts.paperSecret();
    await transaction(db, async () => {
      const sitting = await locked(id);
      if (sitting.status !== 'booking')
        throw conflict('status', 'sitting.not_booking', 'Booking is not open for this sitting.');
      const live = (await blueprints.find(sitting.blueprintId))!;
      const blueprint = toBlueprint(live);
      const roster = await bookings.activeInSitting(id);
      let drawn: number;
      try {
        drawn = await attempts.drawPapers(secretKey, sitting, blueprint, pool, roster);
      } catch (error) {
        if (!(error instanceof InfeasibleBlueprintError)) throw error;
        throw conflict('blueprintId', 'sitting.infeasible', 'The question bank cannot fill this blueprint.');
      }
      await repository.update(id, {
        status: 'closed',
        blueprint,
        blueprintRevision: live.revision,
        papersDrawnAt: now,
        updatedAt: now,
      });
      await notices.rosterFixed(
        sitting,
        (await bookings.roster(id))
          .filter((r) => r.booking.status === 'active')
          .map((r) => ({ bookingId: r.booking.id, userId: r.booking.userId, room: r.room, seat: r.booking.seat })),
      );
      await audit.append(
        auditEvent(actor, 'sitting.booking_closed', 'sitting', id, { papers: drawn, blueprintRevision: live.revision }),
        now,
      );
    });
    return get(id);
  }

  return {
    async categories() {
      return (await repository.categories()).map(categoryView);
    },

    async list(filter: { status?: SittingStatus }) {
      const rows = await repository.list(filter);
      const rooms = await repository.rooms(rows.map((r) => r.sitting.id));
      const now = clock();
      return rows.map((row) =>
        view(
          row,
          rooms.filter((r) => r.sittingId === row.sitting.id),
          now,
        ),
      );
    },

    get,

    async create(actor: Actor, input: SittingBody): Promise<SittingView> {
      await checkInput(input);
      const now = clock();
      let id: string;
      try {
        id = await transaction(db, async () => {
          const created = await repository.insert(
            {
              code: input.code,
              categoryCode: input.categoryCode,
              blueprintId: input.blueprintId,
              mode: input.mode,
              startsAt: new Date(input.startsAt),
              entryClosesAt: new Date(input.entryClosesAt),
              endsAt: new Date(input.endsAt),
              bookingClosesAt: new Date(input.bookingClosesAt),
              arrivalMinutes: input.arrivalMinutes ?? 30,
              createdBy: actor.id!,
              createdAt: now,
              updatedAt: now,
            },
            input.rooms.map((r) => ({ name: r.name.trim(), capacity: r.capacity })),
          );
          await audit.append(auditEvent(actor, 'sitting.created', 'sitting', created.id, { code: input.code }), now);
          return created.id;
        });
      } catch (error) {
        if (uniqueViolation(error) === 'sittings_code_key')
          throw new ConflictError([{ field: 'code', code: 'taken', message: 'A sitting with this code exists.' }]);
        throw error;
      }
      return get(id);
    },

    /** Edits a sitting still in preparation: everything, rooms included (nobody has booked it). */
    async update(actor: Actor, id: string, input: SittingBody): Promise<SittingView> {
      await checkInput(input);
      const now = clock();
      try {
        await transaction(db, async () => {
          const sitting = await locked(id);
          if (sitting.status !== 'draft')
            throw conflict('status', 'sitting.not_draft', 'Only a sitting in preparation can be edited.');
          await repository.update(id, {
            code: input.code,
            categoryCode: input.categoryCode,
            blueprintId: input.blueprintId,
            mode: input.mode,
            startsAt: new Date(input.startsAt),
            entryClosesAt: new Date(input.entryClosesAt),
            endsAt: new Date(input.endsAt),
            bookingClosesAt: new Date(input.bookingClosesAt),
            arrivalMinutes: input.arrivalMinutes ?? sitting.arrivalMinutes,
            updatedAt: now,
          });
          await repository.replaceRooms(
            id,
            input.rooms.map((r) => ({ name: r.name.trim(), capacity: r.capacity })),
          );
          await audit.append(
            auditEvent(actor, 'sitting.updated', 'sitting', id, {
              code: input.code,
              before: { code: sitting.code, ...timesOf(sitting) },
            }),
            now,
          );
        });
      } catch (error) {
        if (uniqueViolation(error) === 'sittings_code_key')
          throw new ConflictError([{ field: 'code', code: 'taken', message: 'A sitting with this code exists.' }]);
        throw error;
      }
      return get(id);
    },

    /**
     * Moves a sitting candidates could book (open for booking, or closed and not yet begun) to a new
     * timetable, and tells every booked candidate why; their bookings move with it. The new shift must
     * still honour the largest accommodation granted. Audited, and logged: the sitting was public.
     */
    async reschedule(actor: Actor, id: string, input: RescheduleBody): Promise<SittingView> {
      const now = clock();
      await transaction(db, async () => {
        const sitting = await locked(id);
        const phase = sittingPhase(sitting, now);
        if (!(sitting.status === 'booking' || phase === 'scheduled'))
          throw conflict(
            'status',
            'sitting.not_reschedulable',
            'Only a sitting open for booking, or closed and not yet begun, can be rescheduled.',
          );
        const row = (await repository.find(id))!;
        const duration = sittingBlueprint(sitting, row.blueprint).durationMinutes;
        const problems = timetableProblems(input, duration, await repository.largestExtraTime(id));
        if (new Date(input.startsAt).getTime() <= now.getTime())
          problems.push({ field: 'startsAt', code: 'in_past', message: 'The new start must be in the future.' });
        if (problems.length) throw new ValidationError(problems);
        const next = {
          startsAt: new Date(input.startsAt),
          entryClosesAt: new Date(input.entryClosesAt),
          endsAt: new Date(input.endsAt),
          bookingClosesAt: new Date(input.bookingClosesAt),
        };
        await repository.update(id, { ...next, updatedAt: now });
        const booked = await repository.bookedCandidates(id);
        await recordChange(actor, sitting, { kind: 'rescheduled', reason: input.reason, next }, booked, now);
        const [receipt] = await log.append([
          {
            type: 'sitting.rescheduled',
            sittingCode: sitting.code,
            categoryCode: sitting.categoryCode,
            previous: timesOf(sitting),
            next: timesOf(next),
            reason: input.reason,
            bookings: booked.length,
          },
        ]);
        await audit.append(
          auditEvent(actor, 'sitting.rescheduled', 'sitting', id, {
            reason: input.reason,
            from: timesOf(sitting),
            to: timesOf(next),
            bookings: booked.length,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return get(id);
    },

    /**
     * Calls a sitting off before it begins: its bookings are released and every booked candidate is
     * told why. A sitting applicants could book is logged publicly; a draft nobody saw is not.
     */
    async cancel(actor: Actor, id: string, reason: string): Promise<SittingView> {
      const now = clock();
      await transaction(db, async () => {
        const sitting = await locked(id);
        const phase = sittingPhase(sitting, now);
        if (!(sitting.status === 'draft' || sitting.status === 'booking' || phase === 'scheduled'))
          throw conflict(
            'status',
            sitting.status === 'cancelled' ? 'sitting.cancelled' : 'sitting.not_cancellable',
            sitting.status === 'cancelled'
              ? 'This sitting is already cancelled.'
              : 'A sitting that has begun can no longer be cancelled.',
          );
        await repository.update(id, { status: 'cancelled', updatedAt: now });
        const released = await repository.releaseBookings(id, now);
        await recordChange(actor, sitting, { kind: 'cancelled', reason, next: null }, released, now);
        const receipt =
          sitting.status === 'draft'
            ? null
            : (
                await log.append([
                  {
                    type: 'sitting.cancelled',
                    sittingCode: sitting.code,
                    categoryCode: sitting.categoryCode,
                    startsAt: sitting.startsAt.toISOString(),
                    reason,
                    bookings: released.length,
                  },
                ])
              )[0]!;
        await audit.append(
          auditEvent(actor, 'sitting.cancelled', 'sitting', id, {
            reason,
            previousStatus: sitting.status,
            released: released.map((b) => b.candidateCode),
            ...(receipt ? { logIndex: receipt.logIndex } : {}),
          }),
          now,
        );
      });
      return get(id);
    },

    /**
     * The publication panel: who is still writing and until when, who is absent, and when publication
     * becomes possible, read from the same attempts the publish step checks.
     */
    async publicationReadiness(id: string): Promise<PublicationReadiness> {
      const row = await repository.find(id);
      if (!row) throw new NotFoundError('No such sitting.');
      const { sitting } = row;
      const now = clock();
      const roster = await attemptsRepository.board(id);
      const counts = {
        booked: roster.length,
        writing: 0,
        timeUp: 0,
        submitted: 0,
        annulled: 0,
        absent: 0,
        notStarted: 0,
      };
      const writing: PublicationReadiness['writing'] = [];
      const absent: PublicationReadiness['absent'] = [];
      const attemptsOf = roster.map((r) => ({
        status: r.attempt?.status ?? null,
        deadline: r.attempt?.deadline ?? null,
      }));
      roster.forEach((r, i) => {
        const candidate = {
          bookingId: r.booking.id,
          candidateCode: r.booking.candidateCode,
          fullName: r.fullName,
          room: r.room,
          seat: r.booking.seat,
        };
        const standing = publicationStanding(attemptsOf[i]!, sitting, now, graceMs);
        switch (standing) {
          case 'writing':
            counts.writing++;
            writing.push({ ...candidate, deadline: r.attempt!.deadline!.toISOString() });
            break;
          case 'time-up':
            counts.timeUp++;
            break;
          case 'submitted':
            counts.submitted++;
            break;
          case 'annulled':
            counts.annulled++;
            break;
          case 'absent':
            counts.absent++;
            absent.push(candidate);
            break;
          case 'not-started':
            counts.notStarted++;
            break;
        }
      });
      writing.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.candidateCode.localeCompare(b.candidateCode));
      const readyAt = publishableAt(sitting, attemptsOf, graceMs);
      const published = sitting.resultsPublishedAt !== null;
      return {
        sittingId: id,
        serverNow: now.toISOString(),
        endsAt: sitting.endsAt.toISOString(),
        publishableAt: readyAt.toISOString(),
        publishable: !published && sitting.status === 'closed' && now.getTime() >= readyAt.getTime(),
        published,
        writing,
        absent,
        counts,
      };
    },

    async openBooking(actor: Actor, id: string): Promise<SittingView> {
      const now = clock();
      await transaction(db, async () => {
        const sitting = await locked(id);
        if (sitting.status !== 'draft')
          throw conflict('status', 'sitting.not_draft', 'Booking can only be opened for a sitting in preparation.');
        if (sitting.bookingClosesAt.getTime() <= now.getTime())
          throw conflict(
            'bookingClosesAt',
            'sitting.booking_deadline_passed',
            'The booking deadline has already passed.',
          );
        await repository.update(id, { status: 'booking', updatedAt: now });
        await audit.append(auditEvent(actor, 'sitting.booking_opened', 'sitting', id), now);
      });
      return get(id);
    },

    closeBooking,

    /** Closes booking for every sitting whose deadline has passed (the sweeper's job, by the system). */
    async closeDueBookings(): Promise<number> {
      const due = await repository.bookingDue(clock());
      for (const id of due) {
        try {
          await closeBooking({ id: null, ip: null }, id);
        } catch (error) {
          // Another process closed it first, or the bank cannot fill it: an administrator must act.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      return due.length;
    },

    async roster(id: string) {
      if (!(await repository.find(id))) throw new NotFoundError('No such sitting.');
      return (await bookings.roster(id)).map(rosterView);
    },

    /** The live board, read in one query. */
    async board(id: string): Promise<BoardResponse> {
      const row = await repository.find(id);
      if (!row) throw new NotFoundError('No such sitting.');
      const now = clock();
      const rows = await attemptsRepository.board(id);
      const candidates = rows.map((r) => {
        const a = r.attempt;
        const state =
          !a || a.status === 'ready'
            ? ('not-started' as const)
            : a.status === 'started'
              ? ('in-progress' as const)
              : a.status === 'submitted'
                ? ('submitted' as const)
                : ('annulled' as const);
        return {
          bookingId: r.booking.id,
          attemptId: a?.id ?? null,
          candidateCode: r.booking.candidateCode,
          fullName: r.fullName,
          room: r.room,
          seat: r.booking.seat,
          ...grantedAccommodations(r.booking),
          state,
          startedAt: a?.startedAt?.toISOString() ?? null,
          deadline: a?.deadline?.toISOString() ?? null,
          extraMinutes: a?.extraMinutes ?? 0,
          answered: Number(r.answered),
          submittedAt: a?.submittedAt?.toISOString() ?? null,
          finalisedBy: a?.finalisedBy ?? null,
        };
      });
      const count = (state: (typeof candidates)[number]['state']) => candidates.filter((c) => c.state === state).length;
      return {
        sittingId: id,
        serverNow: now.toISOString(),
        phase: sittingPhase(row.sitting, now),
        questionCount: questionCount(sittingBlueprint(row.sitting, row.blueprint)),
        counts: {
          booked: candidates.length,
          notStarted: count('not-started'),
          inProgress: count('in-progress'),
          submitted: count('submitted'),
          annulled: count('annulled'),
        },
        candidates,
      };
    },

    /**
     * Administrator: more time for everyone still sitting, after an incident in the room (a power
     * cut, an outage). One transaction moves every running attempt's deadline and writes one audit
     * entry naming them all; open exam rooms pick the new deadline up on their next re-read.
     */
    async extendAll(actor: Actor, id: string, minutes: number, reason: string) {
      const now = clock();
      return transaction(db, async () => {
        const row = await repository.find(id);
        if (!row) throw new NotFoundError('No such sitting.');
        const moved = await repository.extendRunningAttempts(id, minutes, now, graceMs);
        if (moved.length === 0)
          throw conflict('id', 'sitting.nobody_sitting', 'No candidate of this sitting is sitting the exam now.');
        await audit.append(
          auditEvent(actor, 'sitting.extended', 'sitting', id, { minutes, reason, attempts: moved.map((m) => m.id) }),
          now,
        );
        return { sittingId: id, minutes, extended: moved.length };
      });
    },

    /** The candidate's own attempt's deadline and status, cheaply, for the room to poll. */
    async attemptDeadline(userId: string, attemptId: string) {
      const row = await repository.ownAttemptDeadline(userId, attemptId);
      if (!row) throw new NotFoundError('No such attempt.');
      return { status: row.status, deadline: row.deadline?.toISOString() ?? null, serverNow: clock().toISOString() };
    },

    /** One row of the board, after an administrator acted on it. */
    async boardCandidate(attemptId: string) {
      const attempt = await attemptsRepository.find(attemptId);
      if (!attempt) throw new NotFoundError('No such attempt.');
      const board = await this.board(attempt.sitting.id);
      return board.candidates.find((c) => c.attemptId === attemptId)!;
    },
  };
}

export type SittingsService = ReturnType<typeof createSittingsService>;
