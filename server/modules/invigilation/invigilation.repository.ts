import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow } from '../../../db/row-writes';
import {
  attempts,
  attendanceMarks,
  bookings,
  roomIncidents,
  roomInvigilators,
  sittingRooms,
  sittings,
  users,
  type AttendanceMark,
  type IncidentKind,
} from '../../../db/schema/index';

/** Exam-day rooms: who invigilates which room, attendance at the door and the room's incidents. */
export function createInvigilationRepository(db: Db) {
  return {
    /** A room with its sitting, or undefined. */
    async room(roomId: string) {
      const [row] = await executor(db)
        .select({ room: sittingRooms, sitting: sittings })
        .from(sittingRooms)
        .innerJoin(sittings, eq(sittings.id, sittingRooms.sittingId))
        .where(eq(sittingRooms.id, roomId));
      return row;
    },

    async isAssigned(roomId: string, userId: string): Promise<boolean> {
      const [row] = await executor(db)
        .select({ roomId: roomInvigilators.roomId })
        .from(roomInvigilators)
        .where(and(eq(roomInvigilators.roomId, roomId), eq(roomInvigilators.userId, userId)));
      return row !== undefined;
    },

    /** Inserts the assignment; false when the person already invigilates the room. */
    async assign(row: typeof roomInvigilators.$inferInsert): Promise<boolean> {
      const inserted = await executor(db)
        .insert(roomInvigilators)
        .values(row)
        .onConflictDoNothing()
        .returning({ roomId: roomInvigilators.roomId });
      return inserted.length === 1;
    },

    /** Removes the assignment; false when there was none. */
    async unassign(roomId: string, userId: string): Promise<boolean> {
      const removed = await executor(db)
        .delete(roomInvigilators)
        .where(and(eq(roomInvigilators.roomId, roomId), eq(roomInvigilators.userId, userId)))
        .returning({ roomId: roomInvigilators.roomId });
      return removed.length === 1;
    },

    /** Every invigilator of the sitting's rooms, by room. */
    async invigilatorsOfSitting(sittingId: string) {
      return executor(db)
        .select({ roomId: roomInvigilators.roomId, userId: users.id, fullName: users.fullName, email: users.email })
        .from(roomInvigilators)
        .innerJoin(sittingRooms, eq(sittingRooms.id, roomInvigilators.roomId))
        .innerJoin(users, eq(users.id, roomInvigilators.userId))
        .where(eq(sittingRooms.sittingId, sittingId))
        .orderBy(asc(users.fullName));
    },

    /** The rooms assigned to an invigilator, latest sitting first, a page at a time. */
    async assignedRooms(userId: string, page: { limit: number; offset: number }) {
      const where = eq(roomInvigilators.userId, userId);
      const rows = await executor(db)
        .select({ room: sittingRooms, sitting: sittings })
        .from(roomInvigilators)
        .innerJoin(sittingRooms, eq(sittingRooms.id, roomInvigilators.roomId))
        .innerJoin(sittings, eq(sittings.id, sittingRooms.sittingId))
        .where(where)
        .orderBy(desc(sittings.startsAt), asc(sittingRooms.position))
        .limit(page.limit)
        .offset(page.offset);
      const [total] = await executor(db).select({ n: count() }).from(roomInvigilators).where(where);
      return { rows, total: Number(total?.n ?? 0) };
    },

    /** The candidates seated in a room (live bookings), by seat, with their attempt's progress. */
    async candidates(roomId: string) {
      return executor(db)
        .select({
          bookingId: bookings.id,
          candidateCode: bookings.candidateCode,
          seat: bookings.seat,
          extraTimePercent: bookings.extraTimePercent,
          fullName: users.fullName,
          nationalId: users.nationalId,
          attempt: {
            id: attempts.id,
            status: attempts.status,
            deadline: attempts.deadline,
            submittedAt: attempts.submittedAt,
          },
        })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.userId))
        .leftJoin(attempts, eq(attempts.bookingId, bookings.id))
        .where(and(eq(bookings.roomId, roomId), eq(bookings.status, 'active')))
        .orderBy(asc(bookings.seat));
    },

    /**
     * A live booking of the room with its attempt's status, its row locked to the end of the transaction,
     * or undefined: marks and incidents name only the room's own candidates.
     */
    async lockBookingInRoom(roomId: string, bookingId: string) {
      const [row] = await executor(db)
        .select({ id: bookings.id, candidateCode: bookings.candidateCode, attemptStatus: attempts.status })
        .from(bookings)
        .leftJoin(attempts, eq(attempts.bookingId, bookings.id))
        .where(and(eq(bookings.id, bookingId), eq(bookings.roomId, roomId), eq(bookings.status, 'active')))
        .for('update', { of: bookings });
      if (!row?.attemptStatus) return row;
      // The attempt's status again, read after the lock on a fresh snapshot and held until commit (a
      // joined row is not re-read after waiting): a start either finished before this mark and is
      // seen here, or it finds the row held and waits for the mark (attempts.repository's start).
      const [attempt] = await executor(db)
        .select({ status: attempts.status })
        .from(attempts)
        .where(eq(attempts.bookingId, bookingId))
        .for('share');
      return { ...row, attemptStatus: attempt!.status };
    },

    /** Every mark of the given bookings, oldest first, with who made it: the last per booking is current. */
    async marks(bookingIds: string[]) {
      if (bookingIds.length === 0) return [];
      return executor(db)
        .select({ mark: attendanceMarks, markedByName: users.fullName })
        .from(attendanceMarks)
        .innerJoin(users, eq(users.id, attendanceMarks.markedBy))
        .where(inArray(attendanceMarks.bookingId, bookingIds))
        .orderBy(asc(attendanceMarks.id));
    },

    async insertMark(row: {
      bookingId: string;
      mark: AttendanceMark;
      reason: string | null;
      markedBy: string;
      markedAt: Date;
    }) {
      return insertRow(db, attendanceMarks, row);
    },

    async insertIncident(row: {
      roomId: string;
      bookingId: string | null;
      kind: IncidentKind;
      occurredAt: Date;
      note: string;
      reportedBy: string;
      createdAt: Date;
    }) {
      return insertRow(db, roomIncidents, row);
    },

    /** An incident with its room, sitting and candidate (if any). */
    async incident(id: string) {
      const [row] = await executor(db)
        .select({ incident: roomIncidents, room: sittingRooms, sitting: sittings })
        .from(roomIncidents)
        .innerJoin(sittingRooms, eq(sittingRooms.id, roomIncidents.roomId))
        .innerJoin(sittings, eq(sittings.id, sittingRooms.sittingId))
        .where(eq(roomIncidents.id, id));
      return row;
    },

    /** Incidents of a room or of a whole sitting, latest first, a page at a time, with names for display. */
    async incidents(scope: { roomId: string } | { sittingId: string }, page: { limit: number; offset: number }) {
      const where =
        'roomId' in scope ? eq(roomIncidents.roomId, scope.roomId) : eq(sittingRooms.sittingId, scope.sittingId);
      const rows = await executor(db)
        .select({
          incident: roomIncidents,
          roomName: sittingRooms.name,
          reportedByName: users.fullName,
          candidateCode: bookings.candidateCode,
          attemptId: attempts.id,
          attemptStatus: attempts.status,
          // The follow-ups an administrator took from this incident, read back from the audit trail.
          followUps: sql<{ action: string; at: string }[]>`coalesce((
            select json_agg(json_build_object('action', a.action, 'at', a.at) order by a.id)
            from audit_log a where a.details->>'incidentId' = ${roomIncidents.id}::text
              and a.action in ('attempt.extended', 'attempt.annulled')), '[]'::json)`,
        })
        .from(roomIncidents)
        .innerJoin(sittingRooms, eq(sittingRooms.id, roomIncidents.roomId))
        .innerJoin(users, eq(users.id, roomIncidents.reportedBy))
        .leftJoin(bookings, eq(bookings.id, roomIncidents.bookingId))
        .leftJoin(attempts, eq(attempts.bookingId, roomIncidents.bookingId))
        .where(where)
        .orderBy(desc(roomIncidents.occurredAt), desc(roomIncidents.createdAt))
        .limit(page.limit)
        .offset(page.offset);
      const [total] = await executor(db)
        .select({ n: count() })
        .from(roomIncidents)
        .innerJoin(sittingRooms, eq(sittingRooms.id, roomIncidents.roomId))
        .where(where);
      return { rows, total: Number(total?.n ?? 0) };
    },

    /**
     * The attempts of a room still being sat (started, deadline plus grace not passed), for a room-wide
     * extension after an incident there.
     */
    async runningAttemptsInRoom(roomId: string, now: Date, graceMs: number): Promise<string[]> {
      const rows = await executor(db)
        .select({ id: attempts.id })
        .from(attempts)
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .where(
          and(
            eq(bookings.roomId, roomId),
            eq(bookings.status, 'active'),
            eq(attempts.status, 'started'),
            sql`${attempts.deadline} + ${graceMs} * interval '1 millisecond' >= ${now.toISOString()}::timestamptz`,
          ),
        );
      return rows.map((r) => r.id);
    },

    /** The attempt of a booking (none before papers are drawn). */
    async attemptOfBooking(bookingId: string): Promise<string | undefined> {
      const [row] = await executor(db)
        .select({ id: attempts.id })
        .from(attempts)
        .where(eq(attempts.bookingId, bookingId));
      return row?.id;
    },

    /** The rooms of a sitting in their order; none when there is no such sitting. */
    async roomsOfSitting(sittingId: string) {
      return executor(db)
        .select({ id: sittingRooms.id, name: sittingRooms.name })
        .from(sittingRooms)
        .where(eq(sittingRooms.sittingId, sittingId))
        .orderBy(asc(sittingRooms.position));
    },

    async account(userId: string) {
      const [row] = await executor(db)
        .select({ id: users.id, fullName: users.fullName, role: users.role })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },
  };
}

export type InvigilationRepository = ReturnType<typeof createInvigilationRepository>;
