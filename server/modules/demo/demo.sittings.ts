import type { Clock } from '../../clock';
import type { AttemptsService } from '../attempts/attempts.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { SittingsService } from '../sittings/sittings.service';
import type { Actor } from '../users/users.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seconds from seeding until the practice sitting's entry window opens: booking closes just before. */
const PRACTICE_LEAD_MS = 3_000;

const iso = (ms: number) => new Date(ms).toISOString();
/** The next day's 10:00 in Baku (UTC+4, no daylight saving), `days` from now. */
function bakuMorning(now: Date, days: number): number {
  const day = new Date(now.getTime() + days * DAY);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 6, 0, 0);
}

/**
 * The demo's sittings, made through the services an administrator and the applicants use:
 * - a DİM-shaped sitting next week, open for booking;
 * - a practice sitting whose entry window is open all week, with both demo applicants booked
 *   and their papers drawn: Timur has sat and submitted it, Aysel can start it now.
 */
export async function seedDemoSittings(deps: {
  clock: Clock;
  sittings: SittingsService;
  bookings: BookingsService;
  attempts: AttemptsService;
  admin: Actor;
  applicants: { aysel: string; timur: string };
  blueprints: { dim: string };
}): Promise<void> {
  const { clock, sittings, bookings, attempts, admin, applicants, blueprints } = deps;
  const now = clock().getTime();

  const nextWeek = bakuMorning(clock(), 7);
  const upcoming = await sittings.create(admin, {
    code: `DEMO-${new Date(nextWeek).toISOString().slice(0, 10)}-10`,
    categoryCode: 'AB',
    blueprintId: blueprints.dim,
    mode: 'centre',
    startsAt: iso(nextWeek),
    entryClosesAt: iso(nextWeek + 30 * MINUTE),
    endsAt: iso(nextWeek + 3 * HOUR + 30 * MINUTE),
    bookingClosesAt: iso(nextWeek - 2 * DAY),
    arrivalMinutes: 45,
    rooms: [
      { name: 'Zal A-101', capacity: 40 },
      { name: 'Zal A-102', capacity: 40 },
    ],
  });
  await sittings.openBooking(admin, upcoming.id);

  const startsAt = now + PRACTICE_LEAD_MS;
  const practice = await sittings.create(admin, {
    code: 'DEMO-PRACTICE',
    categoryCode: 'BA',
    blueprintId: blueprints.dim,
    mode: 'online',
    startsAt: iso(startsAt),
    entryClosesAt: iso(startsAt + 7 * DAY),
    endsAt: iso(startsAt + 7 * DAY + 3 * HOUR),
    bookingClosesAt: iso(startsAt),
    arrivalMinutes: 15,
    rooms: [{ name: 'Onlayn', capacity: 500 }],
  });
  await sittings.openBooking(admin, practice.id);
  const ayselBooking = await bookings.book(applicants.aysel, practice.id);
  const timurBooking = await bookings.book(applicants.timur, practice.id);
  // Aysel has a documented accommodation: a quarter more time.
  await bookings.grantAccommodation(admin, ayselBooking.id, 25, 'Demo: disleksiya arayışı / справка о дислексии');
  // The administrator closes booking early, which fixes the roster and draws both papers.
  await sittings.closeBooking(admin, practice.id);

  // Timur sits the practice test at once: wait for the entry window, answer, submit. A clock that
  // does not move (a test's) never reaches it, and then his attempt simply waits, as Aysel's does.
  for (let waited = 0; clock().getTime() < startsAt && waited < PRACTICE_LEAD_MS * 2; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (clock().getTime() < startsAt) return;
  const started = await attempts.start(applicants.timur, timurBooking.id);
  const paper = await attempts.view(applicants.timur, started.attemptId);
  let answered = 0;
  for (const item of paper.sections.flatMap((s) => s.items)) {
    // He answers two in three, always the first option shown: a plausible, middling paper.
    if (item.number % 3 === 0 || item.options.length === 0) continue;
    await attempts.save(applicants.timur, started.attemptId, {
      versionId: item.versionId,
      seq: 1,
      answer: { kind: 'choice', optionIds: [item.options[0]!.id] },
      flagged: item.number === 7,
    });
    answered++;
  }
  if (answered === 0) throw new Error('demo: the practice paper has no choice items');
  await attempts.submit(applicants.timur, started.attemptId);
}
