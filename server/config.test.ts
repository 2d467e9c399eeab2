import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { isIsoDay, isWorkingDay, responseTarget } from './core/working-days';

describe("the default PUBLIC_HOLIDAYS (Azerbaijan's, 2026–2027)", () => {
  const days = loadConfig({ NODE_ENV: 'test' }).publicHolidays;
  const holidays = new Set(days);
  const workingDays = (year: number) => {
    let count = 0;
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10), holidays)) count++;
    }
    return count;
  };

  it('lists real days, once each, in order', () => {
    expect(days.every(isIsoDay)).toBe(true);
    expect([...days].sort()).toEqual(days);
    expect(holidays.size).toBe(days.length);
  });

  it("gives 2026 the 241 working days of the Ministry of Labour's production calendar (five-day week)", () => {
    expect(workingDays(2026)).toBe(241);
    // Its transfer days: 8 March, Novruz's weekend, Ramazan on Novruz, 9 May, Gurban on 28 May, 8 November.
    for (const day of ['2026-03-09', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30', '2026-05-11'])
      expect(isWorkingDay(day, holidays), day).toBe(false);
    for (const day of ['2026-05-29', '2026-11-10']) expect(isWorkingDay(day, holidays), day).toBe(false);
    expect(isWorkingDay('2026-03-31', holidays)).toBe(true);
  });

  it('counts a question asked before Novruz 2026 from the first working day after it', () => {
    // Thursday 19 March: 20–30 March are all days off, so three working days end on Thursday 2 April (Baku).
    const due = responseTarget(new Date('2026-03-19T08:00:00Z'), 3, holidays);
    expect(due.toISOString()).toBe('2026-04-02T20:00:00.000Z');
  });

  it("moves 2027's weekend holidays to the next working day (Labour Code art. 105.5)", () => {
    for (const day of ['2027-01-04', '2027-03-25', '2027-03-26', '2027-05-10', '2027-06-28'])
      expect(isWorkingDay(day, holidays), day).toBe(false);
  });
});

describe('shedding public reads under load (SHED_EVENT_LOOP_DELAY_MS)', () => {
  const postgres = 'postgres://imtahan@db.example/imtahan';
  const shedding = (env: NodeJS.ProcessEnv) => loadConfig(env).shedding;

  it('is on for a production server on PostgreSQL: 250 ms, 64 reads at once, a Retry-After of 5 s', () => {
    expect(shedding({ NODE_ENV: 'production', DATABASE_URL: postgres })).toEqual({
      maxEventLoopDelayMs: 250,
      maxPublicReadsInFlight: 64,
      retryAfterSeconds: 5,
    });
  });

  it('is off on the embedded database and outside production, unless set', () => {
    const off = { maxEventLoopDelayMs: 0, maxPublicReadsInFlight: 0, retryAfterSeconds: 5 };
    expect(shedding({ NODE_ENV: 'production' })).toEqual(off);
    expect(shedding({ DATABASE_URL: postgres })).toEqual(off);
    expect(shedding({ NODE_ENV: 'test', SHED_EVENT_LOOP_DELAY_MS: '80' }).maxEventLoopDelayMs).toBe(80);
    expect(shedding({ NODE_ENV: 'test', SHED_PUBLIC_READS_IN_FLIGHT: '3' }).maxPublicReadsInFlight).toBe(3);
    expect(
      shedding({
        NODE_ENV: 'production',
        DATABASE_URL: postgres,
        SHED_EVENT_LOOP_DELAY_MS: '0',
        SHED_PUBLIC_READS_IN_FLIGHT: '0',
      }),
    ).toEqual(off);
  });

  it('refuses a setting that is not a whole number of milliseconds or seconds, naming it', () => {
    expect(() => loadConfig({ SHED_EVENT_LOOP_DELAY_MS: 'fast' })).toThrow(/SHED_EVENT_LOOP_DELAY_MS/);
    expect(() => loadConfig({ SHED_EVENT_LOOP_DELAY_MS: '-1' })).toThrow(/SHED_EVENT_LOOP_DELAY_MS/);
    expect(() => loadConfig({ SHED_PUBLIC_READS_IN_FLIGHT: 'many' })).toThrow(/SHED_PUBLIC_READS_IN_FLIGHT/);
    expect(() => loadConfig({ SHED_RETRY_AFTER_SECONDS: '0' })).toThrow(/SHED_RETRY_AFTER_SECONDS/);
  });
});
