/**
 * What a sitting's shift leaves for accommodations, as the pages explain it beside the fields. The server
 * decides (server/core/sitting-time.ts, shiftShortfall); these only word the same rule in minutes and per cent.
 */

/** The test's duration stretched by an extra-time percentage, in whole minutes (rounded up). */
export function accommodatedMinutes(durationMinutes: number, extraTimePercent: number): number {
  return Math.ceil((durationMinutes * (100 + extraTimePercent)) / 100);
}

/** Whole minutes from entry closing to the end: the time the latest permitted start has. */
export function minutesAfterEntry(sitting: { entryClosesAt: string; endsAt: string }): number {
  return Math.floor((new Date(sitting.endsAt).getTime() - new Date(sitting.entryClosesAt).getTime()) / 60_000);
}

/**
 * The largest whole extra-time percentage (0–200) the shift honours, or -1 when it cannot hold the test
 * itself; counted in whole seconds as the server counts the deadline.
 */
export function maxExtraPercent(sitting: { entryClosesAt: string; endsAt: string; durationMinutes: number }): number {
  const availableMs = new Date(sitting.endsAt).getTime() - new Date(sitting.entryClosesAt).getTime();
  const allowedMs = (percent: number) => Math.floor((sitting.durationMinutes * 60 * (100 + percent)) / 100) * 1000;
  for (let percent = 200; percent >= 0; percent--) if (allowedMs(percent) <= availableMs) return percent;
  return -1;
}
