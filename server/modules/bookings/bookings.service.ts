import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { Language } from '../../core/question';
import { shiftShortfall, sittingPhase, startRefusal, withinGrace } from '../../core/sitting-time';
import { NotFoundError } from '../../errors';
import type { SittingChange } from '../../../db/schema/index';
import { changeView, shiftProblem } from '../sittings/sitting-change';
import { rosterView } from './roster-view';
import { conflict } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../../actor';
import type { SittingsRepository } from '../sittings/sittings.repository';
import type { AccommodationBody, BookingView, RosterEntry, TicketCheckResponse } from './bookings.schemas';
import { ConflictError } from '../../errors';
import type { BookingRow, BookingsRepository } from './bookings.repository';
import type { Notify } from '../notices/notify';

/** Letters and digits that cannot be misread for one another on a printed ticket. */
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';
const CODE_LENGTH = 8;

export function candidateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const arrivalAt = (row: Pick<BookingRow, 'sitting'>) =>
  new Date(row.sitting.startsAt.getTime() - row.sitting.arrivalMinutes * 60_000);

export function createBookingsService(deps: {
  db: Db;
  clock: Clock;
  graceMs: number;
  repository: BookingsRepository;
  sittings: SittingsRepository;
  audit: AuditRepository;
  notices: Pick<Notify, 'notify'>;
}) {
  const { db, clock, graceMs, repository, sittings, audit, notices } = deps;

  /** The latest change the centre made to the sitting while this booking was live: news to its candidate. */
  function changeFor(row: BookingRow, changes: SittingChange[]) {
    const change = changes.find((c) => c.bookingIds.includes(row.booking.id));
    return change ? changeView(change) : null;
  }

  async function views(rows: BookingRow[], now: Date): Promise<BookingView[]> {
    const changes = await sittings.changes([...new Set(rows.map((r) => r.sitting.id))]);
    return rows.map((r) => view(r, now, changes));
  }

  function view(row: BookingRow, now: Date, changes: SittingChange[]): BookingView {
    const { booking, sitting, attempt } = row;
    const blueprint = sitting.blueprint ?? row.blueprint;
    const active = booking.status === 'active';
    const attemptStatus = attempt?.status ?? null;
    const running = attemptStatus === 'started' && withinGrace(attempt!.deadline!, graceMs, now);
    return {
      id: booking.id,
      status: booking.status,
      candidateCode: booking.candidateCode,
      sittingId: sitting.id,
      sittingCode: sitting.code,
      categoryCode: sitting.categoryCode,
      categoryName: row.category.name,
      mode: sitting.mode,
      language: blueprint.language,
      durationMinutes: blueprint.durationMinutes,
      startsAt: sitting.startsAt.toISOString(),
      entryClosesAt: sitting.entryClosesAt.toISOString(),
      endsAt: sitting.endsAt.toISOString(),
      bookingClosesAt: sitting.bookingClosesAt.toISOString(),
      arrivalAt: arrivalAt(row).toISOString(),
      room: row.room.name,
      seat: booking.seat,
      extraTimePercent: booking.extraTimePercent,
      accommodations: booking.accommodations,
      sittingChange: changeFor(row, changes),
      attemptId: attempt?.id ?? null,
      attemptStatus,
      canCancel: active && sittingPhase(sitting, now) === 'booking',
      canStart: active && (running || (attemptStatus === 'ready' && startRefusal(sitting, now) === null)),
      createdAt: booking.createdAt.toISOString(),
    };
  }

  async function rosterEntry(id: string): Promise<RosterEntry> {
    const row = (await repository.find(id))!;
    const entry = (await repository.roster(row.sitting.id)).find((r) => r.booking.id === id)!;
    return rosterView(entry);
  }

  async function own(userId: string, id: string): Promise<BookingRow> {
    const row = await repository.findOwn(userId, id);
    if (!row) throw new NotFoundError('No such booking.');
    return row;
  }

  return {
    async openSittings(userId: string) {
      const now = clock();
      return (await repository.openSittingsFor(userId, now)).map((r) => ({
        id: r.sitting.id,
        code: r.sitting.code,
        categoryCode: r.sitting.categoryCode,
        categoryName: r.category.name,
        language: r.blueprint.language,
        durationMinutes: r.blueprint.durationMinutes,
        questionCount: r.blueprint.sections.reduce((n, s) => n + s.count, 0),
        mode: r.sitting.mode,
        startsAt: r.sitting.startsAt.toISOString(),
        entryClosesAt: r.sitting.entryClosesAt.toISOString(),
        endsAt: r.sitting.endsAt.toISOString(),
        bookingClosesAt: r.sitting.bookingClosesAt.toISOString(),
        seatsLeft: Math.max(0, Number(r.capacity) - Number(r.booked)),
        myBookingId: r.myBookingId,
      }));
    },

    /**
     * Books the first free seat. The sitting's row lock serialises bookings of one sitting, so
     * capacity holds under any concurrency; the unique indexes back it up.
     */
    async book(userId: string, sittingId: string): Promise<BookingView> {
      const now = clock();
      let id: string;
      try {
        id = await transaction(db, async () => {
          const sitting = await sittings.lock(sittingId);
          if (!sitting || sitting.status === 'draft') throw new NotFoundError('No such sitting.');
          if (sittingPhase(sitting, now) !== 'booking')
            throw conflict('sittingId', 'booking.closed', 'Booking for this sitting has closed.');
          if (await repository.activeFor(sittingId, userId))
            throw conflict('sittingId', 'booking.exists', 'You have already booked this sitting.');
          for (const room of await sittings.rooms([sittingId])) {
            if (room.booked >= room.capacity) continue;
            const taken = new Set(await repository.takenSeats(room.id));
            let seat = 1;
            while (taken.has(seat)) seat++;
            const created = await repository.insert({
              sittingId,
              userId,
              roomId: room.id,
              seat,
              candidateCode: candidateCode(),
              ticketToken: randomBytes(18).toString('base64url'),
              createdAt: now,
            });
            await notices.notify({
              userId,
              kind: 'booking-confirmed',
              ref: created.id,
              params: { bookingId: created.id, sittingCode: sitting.code, startsAt: sitting.startsAt.toISOString() },
            });
            return created.id;
          }
          throw conflict('sittingId', 'sitting.full', 'There are no seats left in this sitting.');
        });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === 'bookings_one_per_sitting_key')
          throw conflict('sittingId', 'booking.exists', 'You have already booked this sitting.');
        // A candidate code drawn twice (1 in 10^11): the applicant may simply try again.
        if (constraint === 'bookings_candidate_code_key') return this.book(userId, sittingId);
        throw error;
      }
      return (await views([await own(userId, id)], now))[0]!;
    },

    async listOwn(userId: string) {
      return views(await repository.listOwn(userId), clock());
    },

    async getOwn(userId: string, id: string) {
      return (await views([await own(userId, id)], clock()))[0]!;
    },

    /** Cancels before the booking deadline; afterwards the roster is fixed. */
    async cancel(userId: string, id: string): Promise<BookingView> {
      const now = clock();
      await transaction(db, async () => {
        const { sitting } = await own(userId, id);
        // The sitting's lock first, then a fresh read: closing booking fixes the roster under the same
        // lock, so a cancel that waited for it sees the sitting closed and changes nothing.
        await sittings.lock(sitting.id);
        const row = await own(userId, id);
        if (row.booking.status === 'cancelled')
          throw conflict('id', 'booking.cancelled', 'This booking is already cancelled.');
        if (sittingPhase(row.sitting, now) !== 'booking')
          throw conflict(
            'id',
            'booking.deadline_passed',
            'The booking deadline has passed; it can no longer be cancelled.',
          );
        await repository.update(id, { status: 'cancelled', cancelledAt: now });
        await notices.notify({
          userId,
          kind: 'booking-cancelled',
          ref: id,
          params: { bookingId: id, sittingCode: row.sitting.code, startsAt: row.sitting.startsAt.toISOString() },
        });
      });
      return (await views([await own(userId, id)], now))[0]!;
    },

    /** What the ticket PDF prints, for the owner only. */
    async ticket(userId: string, id: string, language: Language) {
      const row = await own(userId, id);
      if (row.booking.status !== 'active') throw conflict('id', 'booking.cancelled', 'This booking was cancelled.');
      const blueprint = row.sitting.blueprint ?? row.blueprint;
      const fullName = await repository.ownerName(row.booking.userId);
      return {
        token: row.booking.ticketToken,
        ticket: {
          candidateCode: row.booking.candidateCode,
          fullName,
          sittingCode: row.sitting.code,
          categoryCode: row.sitting.categoryCode,
          categoryName: row.category.name[language] ?? row.category.name.az ?? row.sitting.categoryCode,
          mode: row.sitting.mode,
          startsAt: row.sitting.startsAt,
          arrivalAt: arrivalAt(row),
          entryClosesAt: row.sitting.entryClosesAt,
          durationMinutes: blueprint.durationMinutes,
          room: row.room.name,
          seat: row.booking.seat,
        },
      };
    },

    /** The public check behind the ticket's QR code. */
    async checkTicket(token: string): Promise<TicketCheckResponse> {
      const row = await repository.findByToken(token);
      if (!row) throw new NotFoundError('No such ticket.');
      return {
        valid: row.booking.status === 'active' && row.attempt?.status !== 'annulled',
        status: row.booking.status,
        candidateCode: row.booking.candidateCode,
        fullName: row.fullName,
        sittingCode: row.sitting.code,
        categoryCode: row.sitting.categoryCode,
        startsAt: row.sitting.startsAt.toISOString(),
        arrivalAt: arrivalAt(row).toISOString(),
        room: row.room.name,
        seat: row.booking.seat,
      };
    },

    /**
     * Administrator: extra time and other accommodations for a candidate, until their attempt starts.
     * Extra time the shift cannot honour is refused with the minutes, never silently cut. Audited.
     */
    async grantAccommodation(actor: Actor, id: string, input: AccommodationBody): Promise<RosterEntry> {
      const now = clock();
      const accommodations = input.accommodations ?? [];
      const note = input.note?.trim() || null;
      await transaction(db, async () => {
        const booking = await repository.lock(id);
        if (!booking) throw new NotFoundError('No such booking.');
        const row = (await repository.find(id))!;
        if (booking.status !== 'active') throw conflict('id', 'booking.cancelled', 'This booking was cancelled.');
        if (row.attempt && row.attempt.status !== 'ready')
          throw conflict('id', 'attempt.started', 'The attempt has started; extend its time instead.');
        const shortfall = shiftShortfall({
          entryClosesAt: row.sitting.entryClosesAt,
          endsAt: row.sitting.endsAt,
          durationMinutes: (row.sitting.blueprint ?? row.blueprint).durationMinutes,
          largestExtraTimePercent: input.extraTimePercent,
        });
        if (shortfall) throw new ConflictError([shiftProblem(shortfall, 'extraTimePercent')]);
        await repository.update(id, {
          extraTimePercent: input.extraTimePercent,
          accommodationReason: input.reason,
          accommodationBy: actor.id,
          accommodations,
          accommodationNote: note,
        });
        await audit.append(
          auditEvent(actor, 'booking.accommodation_granted', 'booking', id, {
            extraTimePercent: input.extraTimePercent,
            reason: input.reason,
            previous: booking.extraTimePercent,
            accommodations,
            ...(note ? { note } : {}),
          }),
          now,
        );
      });
      return rosterEntry(id);
    },

    /**
     * Administrator: moves a candidate to another room or seat of the same sitting, before it is over.
     * Under the sitting's lock, like booking, so two moves (or a move and a booking) never share a seat.
     */
    async move(actor: Actor, id: string, roomId: string, seat?: number): Promise<RosterEntry> {
      const now = clock();
      await transaction(db, async () => {
        const found = await repository.find(id);
        if (!found) throw new NotFoundError('No such booking.');
        const sitting = (await sittings.lock(found.sitting.id))!;
        const booking = (await repository.lock(id))!;
        if (booking.status !== 'active') throw conflict('id', 'booking.cancelled', 'This booking was cancelled.');
        const phase = sittingPhase(sitting, now);
        if (phase === 'finished' || phase === 'cancelled')
          throw conflict('id', 'sitting.over', 'This sitting is over; its seats can no longer change.');
        const room = (await sittings.rooms([sitting.id])).find((r) => r.id === roomId);
        if (!room) throw conflict('roomId', 'unknown', 'The sitting has no such room.');
        const taken = new Set(await repository.takenSeats(room.id));
        if (room.id === booking.roomId) taken.delete(booking.seat);
        let to = seat;
        if (to === undefined) {
          to = 1;
          while (taken.has(to)) to++;
          if (to > room.capacity) throw conflict('roomId', 'room.full', 'This room has no free seat.');
        } else if (to > room.capacity)
          throw conflict('seat', 'seat.beyond_capacity', `This room has ${room.capacity} seats.`);
        else if (taken.has(to)) throw conflict('seat', 'seat.taken', 'Another candidate has this seat.');
        if (room.id === booking.roomId && to === booking.seat)
          throw conflict('seat', 'seat.same', 'The candidate already has this seat.');
        const from = (await sittings.rooms([sitting.id])).find((r) => r.id === booking.roomId)!;
        await repository.update(id, { roomId: room.id, seat: to });
        await audit.append(
          auditEvent(actor, 'booking.moved', 'booking', id, {
            candidateCode: booking.candidateCode,
            from: { room: from.name, seat: booking.seat },
            to: { room: room.name, seat: to },
          }),
          now,
        );
      });
      return rosterEntry(id);
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
