import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Role } from '../../../db/schema/index';
import { sittingPhase } from '../../core/sitting-time';
import { conflict, NotFoundError, ValidationError } from '../../errors';
import type { SignedInActor } from '../../actor';
import type { AttemptsService } from '../attempts/attempts.service';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { InvigilationRepository } from './invigilation.repository';
import {
  PAGE_SIZE,
  type IncidentView,
  type MarkAttendanceBody,
  type ReportIncidentBody,
  type RoomView,
  type SittingInvigilationView,
} from './invigilation.schemas';

/** Who is acting on a room: an administrator reaches every room, an invigilator only those assigned. */
export type RoomCaller = SignedInActor & { role: Role };

/** An incident may be written down a little after the fact, never ahead of the clock. */
const CLOCK_SKEW_MS = 60_000;

type Repo = InvigilationRepository;
type IncidentRow = Awaited<ReturnType<Repo['incidents']>>['rows'][number];

function attemptState(status: string | null | undefined) {
  if (!status || status === 'ready') return 'not-started' as const;
  if (status === 'started') return 'in-progress' as const;
  if (status === 'submitted') return 'submitted' as const;
  return 'annulled' as const;
}

function incidentView(row: IncidentRow): IncidentView {
  const i = row.incident;
  return {
    id: i.id,
    roomId: i.roomId,
    roomName: row.roomName,
    kind: i.kind,
    occurredAt: i.occurredAt.toISOString(),
    note: i.note,
    reportedBy: row.reportedByName,
    bookingId: i.bookingId,
    candidateCode: row.candidateCode,
    attemptId: row.attemptId,
    attemptState: row.attemptId ? attemptState(row.attemptStatus) : null,
    followUps: row.followUps.map((f) => ({
      action: f.action as 'attempt.extended' | 'attempt.annulled',
      at: new Date(f.at).toISOString(),
    })),
  };
}

const pageOf = (page: number) => ({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

export function createInvigilationService(deps: {
  db: Db;
  clock: Clock;
  repository: InvigilationRepository;
  audit: AuditRepository;
  /** Extensions and annulments from an incident are the attempts service's own, audited as ever. */
  attempts: Pick<AttemptsService, 'extend' | 'annul'>;
  /** The autosave grace: an attempt past its deadline plus grace is over and is not extended. */
  graceMs: number;
}) {
  const { db, clock, repository, audit, attempts } = deps;

  /**
   * The room, if the caller may reach it. A room not assigned to an invigilator is "no such room" to
   * them, so ids of other rooms reveal nothing.
   */
  async function reachRoom(caller: RoomCaller, roomId: string) {
    const row = await repository.room(roomId);
    if (!row) throw new NotFoundError('No such room.');
    if (caller.role !== 'administrator' && !(await repository.isAssigned(roomId, caller.id)))
      throw new NotFoundError('No such room.');
    return row;
  }

  /** Exam-day records need a fixed roster: before booking closes, seats still change. */
  function requireFixedRoster(sitting: { status: string }) {
    if (sitting.status !== 'closed')
      throw conflict('id', 'sitting.roster_not_fixed', 'The roster of this sitting is not fixed yet.');
  }

  async function roomView(caller: RoomCaller, roomId: string): Promise<RoomView> {
    const { room, sitting } = await reachRoom(caller, roomId);
    const now = clock();
    const rows = await repository.candidates(roomId);
    const marks = await repository.marks(rows.map((r) => r.bookingId));
    const byBooking = new Map<string, RoomView['candidates'][number]['history']>();
    for (const m of marks) {
      const list = byBooking.get(m.mark.bookingId) ?? [];
      list.push({
        mark: m.mark.mark,
        reason: m.mark.reason,
        markedAt: m.mark.markedAt.toISOString(),
        markedBy: m.markedByName,
      });
      byBooking.set(m.mark.bookingId, list);
    }
    const candidates = rows.map((r) => {
      const history = byBooking.get(r.bookingId) ?? [];
      return {
        bookingId: r.bookingId,
        candidateCode: r.candidateCode,
        fullName: r.fullName,
        nationalId: r.nationalId,
        seat: r.seat,
        extraTimePercent: r.extraTimePercent,
        attendance: history.at(-1) ?? null,
        history: history.slice(0, -1),
        state: attemptState(r.attempt?.status),
        deadline: r.attempt?.deadline?.toISOString() ?? null,
        submittedAt: r.attempt?.submittedAt?.toISOString() ?? null,
      };
    });
    const marked = (mark: string) => candidates.filter((c) => c.attendance?.mark === mark).length;
    const incidents = await repository.incidents({ roomId }, { limit: 100, offset: 0 });
    return {
      id: room.id,
      name: room.name,
      capacity: room.capacity,
      sitting: sittingView(sitting, now),
      serverNow: now.toISOString(),
      counts: {
        booked: candidates.length,
        present: marked('present'),
        absent: marked('absent'),
        turnedAway: marked('turned-away'),
        unmarked: candidates.filter((c) => !c.attendance).length,
        writing: candidates.filter((c) => c.state === 'in-progress').length,
        submitted: candidates.filter((c) => c.state === 'submitted').length,
      },
      candidates,
      incidents: incidents.rows.map(incidentView),
    };
  }

  function sittingView(
    sitting: NonNullable<Awaited<ReturnType<Repo['room']>>>['sitting'],
    now: Date,
  ): RoomView['sitting'] {
    return {
      id: sitting.id,
      code: sitting.code,
      status: sitting.status,
      phase: sittingPhase(sitting, now),
      startsAt: sitting.startsAt.toISOString(),
      entryClosesAt: sitting.entryClosesAt.toISOString(),
      endsAt: sitting.endsAt.toISOString(),
    };
  }

  async function sittingInvigilation(sittingId: string): Promise<SittingInvigilationView> {
    const rooms = await repository.roomsOfSitting(sittingId);
    if (rooms.length === 0) throw new NotFoundError('No such sitting.');
    const people = await repository.invigilatorsOfSitting(sittingId);
    return {
      sittingId,
      rooms: rooms.map((room) => ({
        id: room.id,
        name: room.name,
        invigilators: people
          .filter((p) => p.roomId === room.id)
          .map((p) => ({ id: p.userId, fullName: p.fullName, email: p.email })),
      })),
    };
  }

  /** The attempts an incident's follow-up acts on: its candidate's, or every running one of its room. */
  async function incidentTarget(incidentId: string) {
    const row = await repository.incident(incidentId);
    if (!row) throw new NotFoundError('No such incident.');
    return row;
  }

  return {
    roomView,

    async assignedRooms(caller: RoomCaller, page: number) {
      const now = clock();
      const { rows, total } = await repository.assignedRooms(caller.id, pageOf(page));
      return {
        items: rows.map((r) => ({
          id: r.room.id,
          name: r.room.name,
          capacity: r.room.capacity,
          sitting: sittingView(r.sitting, now),
        })),
        total,
        page,
        pageSize: PAGE_SIZE,
      };
    },

    /**
     * Marks a candidate at the door. A later mark corrects an earlier one (the last wins, the earlier
     * ones stay as history); the booking's row is locked so two marks at once keep their order in the
     * audit trail too.
     */
    async markAttendance(caller: RoomCaller, roomId: string, input: MarkAttendanceBody): Promise<RoomView> {
      const { room, sitting } = await reachRoom(caller, roomId);
      requireFixedRoster(sitting);
      const reason = input.reason?.trim() || null;
      if (input.mark === 'turned-away' && !reason)
        throw ValidationError.field('reason', 'required', 'Say why the candidate is turned away.');
      const now = clock();
      await transaction(db, async () => {
        const booking = await repository.lockBookingInRoom(roomId, input.bookingId);
        if (!booking) throw ValidationError.field('bookingId', 'not_in_room', 'This candidate is not seated here.');
        if (input.mark !== 'present' && booking.attemptStatus && booking.attemptStatus !== 'ready')
          throw conflict('mark', 'attendance.already_started', 'This candidate has already started the exam.');
        const [previous] = (await repository.marks([booking.id])).slice(-1);
        await repository.insertMark({
          bookingId: booking.id,
          mark: input.mark,
          reason,
          markedBy: caller.id,
          markedAt: now,
        });
        await audit.append(
          auditEvent(caller, previous ? 'attendance.corrected' : 'attendance.marked', 'booking', booking.id, {
            sittingId: sitting.id,
            roomId: room.id,
            candidateCode: booking.candidateCode,
            mark: input.mark,
            reason,
            ...(previous ? { previous: previous.mark.mark } : {}),
          }),
          now,
        );
      });
      return roomView(caller, roomId);
    },

    async reportIncident(caller: RoomCaller, roomId: string, input: ReportIncidentBody): Promise<IncidentView> {
      const { room, sitting } = await reachRoom(caller, roomId);
      requireFixedRoster(sitting);
      const now = clock();
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
      if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
        throw ValidationError.field('occurredAt', 'in_future', 'An incident cannot be recorded ahead of time.');
      const note = input.note.trim();
      if (note.length < 3) throw ValidationError.field('note', 'required', 'Describe what happened.');
      const id = await transaction(db, async () => {
        let candidateCode: string | null = null;
        if (input.bookingId) {
          const booking = await repository.lockBookingInRoom(roomId, input.bookingId);
          if (!booking) throw ValidationError.field('bookingId', 'not_in_room', 'This candidate is not seated here.');
          candidateCode = booking.candidateCode;
        }
        const incident = await repository.insertIncident({
          roomId,
          bookingId: input.bookingId ?? null,
          kind: input.kind,
          occurredAt,
          note,
          reportedBy: caller.id,
          createdAt: now,
        });
        await audit.append(
          auditEvent(caller, 'incident.reported', 'sitting', sitting.id, {
            incidentId: incident.id,
            roomId: room.id,
            kind: input.kind,
            candidateCode,
            note,
          }),
          now,
        );
        return incident.id;
      });
      const { rows } = await repository.incidents({ roomId }, { limit: 100, offset: 0 });
      return incidentView(rows.find((r) => r.incident.id === id)!);
    },

    sittingInvigilation,

    async sittingIncidents(sittingId: string, page: number) {
      if ((await repository.roomsOfSitting(sittingId)).length === 0) throw new NotFoundError('No such sitting.');
      const { rows, total } = await repository.incidents({ sittingId }, pageOf(page));
      return { items: rows.map(incidentView), total, page, pageSize: PAGE_SIZE };
    },

    async assign(actor: SignedInActor, roomId: string, userId: string): Promise<SittingInvigilationView> {
      const row = await repository.room(roomId);
      if (!row) throw new NotFoundError('No such room.');
      const person = await repository.account(userId);
      if (!person) throw ValidationError.field('userId', 'unknown', 'There is no such account.');
      if (person.role !== 'invigilator')
        throw ValidationError.field('userId', 'not_invigilator', 'Only an invigilator account can be assigned.');
      const now = clock();
      await transaction(db, async () => {
        const added = await repository.assign({ roomId, userId, assignedBy: actor.id, assignedAt: now });
        if (!added) throw conflict('userId', 'invigilation.already_assigned', 'This person already invigilates here.');
        await audit.append(
          auditEvent(actor, 'invigilator.assigned', 'sitting', row.sitting.id, {
            roomId,
            room: row.room.name,
            userId,
            name: person.fullName,
          }),
          now,
        );
      });
      return sittingInvigilation(row.sitting.id);
    },

    async unassign(actor: SignedInActor, roomId: string, userId: string): Promise<SittingInvigilationView> {
      const row = await repository.room(roomId);
      if (!row) throw new NotFoundError('No such room.');
      const now = clock();
      await transaction(db, async () => {
        if (!(await repository.unassign(roomId, userId)))
          throw new NotFoundError('This person does not invigilate this room.');
        const person = await repository.account(userId);
        await audit.append(
          auditEvent(actor, 'invigilator.unassigned', 'sitting', row.sitting.id, {
            roomId,
            room: row.room.name,
            userId,
            name: person?.fullName ?? null,
          }),
          now,
        );
      });
      return sittingInvigilation(row.sitting.id);
    },

    /**
     * Administrator: more time after an incident, through the attempts service's own extension (one
     * audit entry per attempt, naming the incident). An incident about a candidate extends their
     * attempt; one about the room (a power cut) extends every attempt still running there. All or none.
     */
    async extendFromIncident(actor: SignedInActor, incidentId: string, minutes: number, reason: string) {
      const { incident } = await incidentTarget(incidentId);
      const own = incident.bookingId ? await repository.attemptOfBooking(incident.bookingId) : undefined;
      const ids = incident.bookingId
        ? own
          ? [own]
          : []
        : await repository.runningAttemptsInRoom(incident.roomId, clock(), deps.graceMs);
      if (ids.length === 0)
        throw conflict('id', 'incident.nobody_writing', 'No candidate of this incident is sitting the exam now.');
      await transaction(db, async () => {
        for (const id of ids) await attempts.extend(actor, id, minutes, reason, { incidentId });
      });
      return { incidentId, attempts: ids.length };
    },

    /** Administrator: annuls the attempt of the candidate an incident names (suspected cheating, say). */
    async annulFromIncident(actor: SignedInActor, incidentId: string, reason: string) {
      const { incident } = await incidentTarget(incidentId);
      if (!incident.bookingId)
        throw conflict(
          'id',
          'incident.no_candidate',
          'This incident names no candidate whose attempt could be annulled.',
        );
      const attemptId = await repository.attemptOfBooking(incident.bookingId);
      if (!attemptId) throw conflict('id', 'incident.no_attempt', 'The candidate has no attempt to annul.');
      await attempts.annul(actor, attemptId, reason, { incidentId });
      return { incidentId, attempts: 1 };
    },

    /** The room's documents are printed by its staff: each print is audited, as it carries personal data. */
    async roomDocument(caller: RoomCaller, roomId: string, document: RoomDocumentKind) {
      const { room, sitting } = await reachRoom(caller, roomId);
      const rows = await repository.candidates(roomId);
      await audit.append(
        auditEvent(caller, 'room.document_printed', 'sitting', sitting.id, { roomId, room: room.name, document }),
        clock(),
      );
      return {
        sittingCode: sitting.code,
        startsAt: sitting.startsAt,
        room: { name: room.name, capacity: room.capacity },
        candidates: rows.map((r) => ({
          candidateCode: r.candidateCode,
          fullName: r.fullName,
          nationalId: r.nationalId,
          seat: r.seat,
        })),
      };
    },
  };
}

export type RoomDocumentKind = 'roster' | 'attendance' | 'seat-plan';

export type InvigilationService = ReturnType<typeof createInvigilationService>;
