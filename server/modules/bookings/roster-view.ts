import type { BookingsRepository } from './bookings.repository';
import type { RosterEntry } from './bookings.schemas';

/** A roster row as administrators and the room's staff see it. */
export function rosterView(r: Awaited<ReturnType<BookingsRepository['roster']>>[number]): RosterEntry {
  return {
    bookingId: r.booking.id,
    candidateCode: r.booking.candidateCode,
    fullName: r.fullName,
    roomId: r.booking.roomId,
    room: r.room,
    seat: r.booking.seat,
    extraTimePercent: r.booking.extraTimePercent,
    accommodationReason: r.booking.accommodationReason,
    accommodations: r.booking.accommodations,
    accommodationNote: r.booking.accommodationNote,
    status: r.booking.status,
  };
}
