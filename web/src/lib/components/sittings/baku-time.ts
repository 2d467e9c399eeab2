/**
 * The exam centre keeps Baku time: UTC+4 all year, with no daylight saving since 2016. Times typed
 * into the sitting form are read in it, whatever the zone of the server or the browser.
 */
export const BAKU_OFFSET = '+04:00';
const OFFSET_MS = 4 * 60 * 60 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function isDate(value: string): boolean {
  const match = DATE.exec(value.trim());
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isTime(value: string): boolean {
  return TIME.test(value.trim());
}

/** `2026-12-15` and `10:00` in Baku → `2026-12-15T06:00:00.000Z`; null when either is not a real date or time. */
export function bakuToIso(date: string, time: string): string | null {
  if (!isDate(date) || !isTime(time)) return null;
  const [h = '0', m = '0'] = time.trim().split(':');
  const iso = `${date.trim()}T${h.padStart(2, '0')}:${m}:00${BAKU_OFFSET}`;
  return new Date(iso).toISOString();
}

/** A `datetime-local` value (`2026-12-15T10:00`) read in Baku. */
export function bakuLocalToIso(value: string): string | null {
  const [date = '', time = ''] = value.trim().split('T');
  return bakuToIso(date, time.slice(0, 5));
}

/** An instant as Baku's calendar date and clock time: `{ date: '2026-12-15', time: '10:00' }`. */
export function bakuParts(iso: string): { date: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** Whole minutes from one instant to another. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}
