import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index';
import { bookings, users } from '../../db/schema/index';

/**
 * Candidates `from`…`from + n − 1` of a bench sitting, inserted straight into the database: an applicant
 * each (no real password: nobody signs in) and a booking in the room, numbered so that chunks never collide.
 * Returns the bookings, for the attempts the bench builds on them.
 */
export async function seatCandidates(
  db: Db,
  where: { sittingId: string; roomId: string; prefix: string },
  from: number,
  n: number,
  createdAt: Date,
) {
  const people = Array.from({ length: n }, (_, k) => ({
    id: randomUUID(),
    fullName: `Namizəd ${where.prefix}${from + k}ov`,
    email: `${where.prefix.toLowerCase()}${from + k}@example.az`,
    passwordHash: 'not-a-hash',
    role: 'applicant' as const,
  }));
  await db.insert(users).values(people);
  const rows = people.map((p, k) => ({
    id: randomUUID(),
    sittingId: where.sittingId,
    userId: p.id,
    roomId: where.roomId,
    seat: from + k + 100,
    candidateCode: `${where.prefix.slice(0, 1)}${String(from + k).padStart(7, '0')}`,
    ticketToken: randomUUID().replaceAll('-', ''),
    createdAt,
  }));
  await db.insert(bookings).values(rows);
  return rows;
}
