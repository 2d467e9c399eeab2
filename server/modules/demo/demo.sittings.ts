import type { Clock, History } from '../../clock';
import { optionLabels } from '../../core/paper/index';
import type { LabelKey } from '../attempts/paper-view';
import type { QuestionKey } from '../../core/question';
import type { Answer } from '../../core/scoring/index';
import type { AttemptsService } from '../attempts/attempts.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { ResultsService } from '../results/results.service';
import type { SittingsService } from '../sittings/sittings.service';
import type { InvigilationService } from '../invigilation/invigilation.service';
import type { Actor } from '../../actor';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** From the start of the demo's history until the practice sitting's entry window opens; booking closes then. */
const PRACTICE_LEAD_MS = 30 * MINUTE;
/**
 * A DİM shift for the 180-minute test: entry for half an hour, and from then until the end room for the
 * test with a quarter more time (225 minutes), so an accommodation of up to 25 % is honoured, never cut.
 */
const ENTRY_MS = 30 * MINUTE;
const AFTER_ENTRY_MS = 225 * MINUTE;
const FINISHED_ENTRY_MS = ENTRY_MS;
const FINISHED_RUN_MS = ENTRY_MS + AFTER_ENTRY_MS;
/** How much of the demo's history this part writes: the past it needs behind the present, at least. */
export const DEMO_SITTINGS_HISTORY_MS = PRACTICE_LEAD_MS + FINISHED_RUN_MS + 5 * MINUTE;

const iso = (ms: number) => new Date(ms).toISOString();
/** The next day's 10:00 in Baku (UTC+4, no daylight saving), `days` from now. */
function bakuMorning(now: Date, days: number): number {
  const day = new Date(now.getTime() + days * DAY);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 6, 0, 0);
}

/**
 * The demo's sittings, made through the services an administrator and the applicants use, in the demo's
 * history (`history` moves its clock on, so nobody waits):
 * - a DİM-shaped sitting next week, open for booking;
 * - a practice sitting whose entry window is open all week, with both demo applicants booked
 *   and their papers drawn: Timur has sat and submitted it, Aysel can start it now;
 * - a sitting that both sat earlier and that is over, with its results published (the pass list, the
 *   statistics, Aysel's certificate) and its appeal window open.
 * A clock that `history` cannot move (a test's fixed one) leaves both sittings booked and not yet begun.
 */
export async function seedDemoSittings(deps: {
  clock: Clock;
  history: History;
  sittings: SittingsService;
  bookings: BookingsService;
  attempts: AttemptsService;
  results: ResultsService;
  /** The bank's keys and option ids by version, so the demo's well-prepared candidate can answer right. */
  keys: Map<string, { key: QuestionKey; optionIds: string[] }>;
  admin: Actor;
  applicants: { aysel: string; timur: string };
  blueprints: { dim: string };
  /** The demo's invigilator, assigned to the first room of each sitting held in the centre. */
  invigilator?: { id: string; invigilation: Pick<InvigilationService, 'assign'> };
}): Promise<void> {
  const { clock, history, sittings, bookings, attempts, results, keys, admin, applicants, blueprints } = deps;
  const now = clock().getTime();

  const nextWeek = bakuMorning(clock(), 7);
  const upcoming = await sittings.create(admin, {
    code: `DEMO-${new Date(nextWeek).toISOString().slice(0, 10)}-10`,
    categoryCode: 'AB',
    blueprintId: blueprints.dim,
    mode: 'centre',
    startsAt: iso(nextWeek),
    entryClosesAt: iso(nextWeek + ENTRY_MS),
    endsAt: iso(nextWeek + ENTRY_MS + AFTER_ENTRY_MS),
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
    endsAt: iso(startsAt + 7 * DAY + AFTER_ENTRY_MS),
    bookingClosesAt: iso(startsAt),
    arrivalMinutes: 15,
    rooms: [{ name: 'Onlayn', capacity: 500 }],
  });
  await sittings.openBooking(admin, practice.id);
  const ayselBooking = await bookings.book(applicants.aysel, practice.id);
  const timurBooking = await bookings.book(applicants.timur, practice.id);
  // Aysel has a documented accommodation: a quarter more time.
  await bookings.grantAccommodation(admin, ayselBooking.id, {
    extraTimePercent: 25,
    reason: 'Demo: disleksiya arayışı / справка о дислексии',
    accommodations: ['large_print', 'rest_breaks'],
    note: 'Demo: 2 × 10 dəq fasilə / 2 × 10 мин перерыва',
  });
  // The administrator closes booking early, which fixes the roster and draws both papers.
  await sittings.closeBooking(admin, practice.id);

  const endsAt = startsAt + FINISHED_RUN_MS;
  const finished = await sittings.create(admin, {
    code: `DEMO-${new Date(startsAt).toISOString().slice(0, 10)}-KECMIS`,
    categoryCode: 'AB',
    blueprintId: blueprints.dim,
    mode: 'centre',
    startsAt: iso(startsAt),
    entryClosesAt: iso(startsAt + FINISHED_ENTRY_MS),
    endsAt: iso(endsAt),
    bookingClosesAt: iso(startsAt),
    arrivalMinutes: 30,
    rooms: [{ name: 'Zal B-201', capacity: 30 }],
  });
  await sittings.openBooking(admin, finished.id);
  const ayselSat = await bookings.book(applicants.aysel, finished.id);
  const timurSat = await bookings.book(applicants.timur, finished.id);
  await sittings.closeBooking(admin, finished.id);
  if (deps.invigilator && admin.id) {
    const { id, invigilation } = deps.invigilator;
    for (const sitting of [upcoming, finished])
      await invigilation.assign({ ...admin, id: admin.id }, sitting.rooms[0]!.id, id);
  }

  // Both entry windows open.
  history.advanceTo(startsAt);
  if (clock().getTime() < startsAt) return;

  // Both sit the finished sitting: Aysel well prepared, Timur guessing; it ends, and the administrator
  // publishes its results. Then Timur sits his practice test, whose entry window stays open all week.
  await sit(attempts, applicants.aysel, ayselSat.id, (item, key) =>
    item.number % 5 === 0 ? null : rightAnswer(keys.get(item.versionId), key, item.versionId),
  );
  await sit(attempts, applicants.timur, timurSat.id, guess);
  history.advanceTo(endsAt);
  if (clock().getTime() < endsAt) return;
  await results.publish(admin, finished.id);
  await sit(attempts, applicants.timur, timurBooking.id, guess);
}

type PaperItem = Awaited<ReturnType<AttemptsService['view']>>['sections'][number]['items'][number];

/** Timur's way: two in three answered, always the first option shown; a plausible, middling paper. */
function guess(item: PaperItem): Answer | null {
  if (item.number % 3 === 0 || item.options.length === 0) return null;
  return { kind: 'choice', optionIds: [item.options[0]!.id] };
}

/** The key's answer under the labels the candidate sees (which a candidate who knows the answer picks by its text). */
function rightAnswer(
  version: { key: QuestionKey; optionIds: string[] } | undefined,
  labelKey: LabelKey,
  versionId: string,
): Answer | null {
  if (!version) return null;
  const { key } = version;
  if (key.type === 'short') return { kind: 'text', text: key.accepted[0]?.az ?? '' };
  if (key.type === 'essay') return null;
  const labels = optionLabels(labelKey.seed, versionId, version.optionIds, labelKey.scheme);
  return { kind: 'choice', optionIds: key.correct.map((id) => labels.shown(id)) };
}

/** Starts the booking's attempt, saves an answer per item as `pick` says, and submits. */
async function sit(
  attempts: AttemptsService,
  userId: string,
  bookingId: string,
  pick: (item: PaperItem, key: LabelKey) => Answer | null,
): Promise<void> {
  const started = await attempts.start(userId, bookingId);
  const paper = await attempts.view(userId, started.attemptId);
  const key = await attempts.labelKeyFor(started.attemptId);
  for (const item of paper.sections.flatMap((s) => s.items)) {
    const answer = pick(item, key);
    if (!answer) continue;
    await attempts.save(userId, started.attemptId, {
      versionId: item.versionId,
      seq: 1,
      answer: answer.kind === 'choice' ? { kind: 'choice', optionIds: answer.optionIds } : answer,
      flagged: item.number === 7,
    });
  }
  await attempts.submit(userId, started.attemptId);
}
