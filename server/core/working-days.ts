/**
 * Baku's working calendar, for the consultations' response targets: Saturday and Sunday are rest days, and so
 * is every public holiday the configuration lists. Baku keeps UTC+4 all year (no daylight saving since 2016),
 * so a calendar day there is a fixed slice of UTC time and no time-zone database is needed.
 */

const DAY_MS = 86_400_000;
export const BAKU_OFFSET_MS = 4 * 3_600_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day in Baku at an instant, as `YYYY-MM-DD`. */
export function bakuDay(instant: Date): string {
  return new Date(instant.getTime() + BAKU_OFFSET_MS).toISOString().slice(0, 10);
}

/** The month in Baku at an instant, as `YYYY-MM`. */
export function bakuMonth(instant: Date): string {
  return bakuDay(instant).slice(0, 7);
}

/** Whether a text is a real calendar day written `YYYY-MM-DD` (a holiday list's entry). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Whether `YYYY-MM-DD` is a working day: a weekday that is not a listed holiday. */
export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The response target for a question received at `receivedAt`: the end of the `workingDays`-th working day
 * after the day it arrived (Baku time). The day of arrival never counts, so a question asked on Friday
 * evening with a three-day target is due by the end of Wednesday, and one asked at the weekend likewise.
 */
export function responseTarget(receivedAt: Date, workingDays: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a positive integer');
  let day = bakuDay(receivedAt);
  for (let counted = 0; counted < workingDays;) {
    day = nextDay(day);
    if (isWorkingDay(day, holidays)) counted++;
  }
  // The end of that day in Baku: its next midnight, in UTC.
  return new Date(new Date(`${nextDay(day)}T00:00:00Z`).getTime() - BAKU_OFFSET_MS);
}
