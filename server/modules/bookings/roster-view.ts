import type { Booking } from '../../../db/schema/index';
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
    ...grantedAccommodations(r.booking),
    status: r.booking.status,
  };
}

/** What was granted a candidate, with the reason, as the staff's roster and live board show it. */
export function grantedAccommodations(booking: Booking) {
  const { extraTimePercent, accommodationReason, accommodations, accommodationNote } = booking;
  return { extraTimePercent, accommodationReason, accommodations, accommodationNote };
}
