import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileClock, systemClock, writeHistory, type Clock } from './clock';
import { ConfigError, loadConfig } from './config';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'imtahan-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `clock` read as an offset from real time, rounded to the second: the calls are a few ms apart. */
// `+ 0` makes a rounded -0 (the clock read a few ms behind) the 0 it is.
const offset = (clock: Clock) => Math.round((clock().getTime() - Date.now()) / 1000) * 1000 + 0;

describe('the test clock', () => {
  it('is refused unless NODE_ENV=test, whatever else is set', () => {
    for (const env of [
      {},
      { NODE_ENV: 'development' },
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', DEMO: 'true' },
    ]) {
      expect(() => loadConfig({ ...env, TEST_CLOCK_FILE: join(dir, 'clock') })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, TEST_CLOCK_FILE: join(dir, 'clock') })).toThrow(/TEST_CLOCK_FILE/);
    }
  });

  it('is off by default, and on only when asked under NODE_ENV=test', () => {
    expect(loadConfig({}).testClockFile).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production' }).testClockFile).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }).testClockFile).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', TEST_CLOCK_FILE: join(dir, 'clock') }).testClockFile).toBe(
      join(dir, 'clock'),
    );
  });

  it('runs ahead of real time by what its file says, read at every call', () => {
    const file = join(dir, 'ahead');
    writeFileSync(file, '0');
    const clock = fileClock(file);
    expect(offset(clock)).toBe(0);
    writeFileSync(file, String(2 * HOUR));
    expect(offset(clock)).toBe(2 * HOUR);
  });

  it('refuses a file that is not a whole number of milliseconds', () => {
    const file = join(dir, 'bad');
    for (const text of ['', 'soon', '1.5']) {
      writeFileSync(file, text);
      expect(() => fileClock(file)(), JSON.stringify(text)).toThrow(/whole number/);
    }
  });
});

describe('writing history', () => {
  it('sets the system clock back inside, moves it on, never past the present, and leaves the rest alone', async () => {
    const seen = await writeHistory(systemClock, 6 * HOUR, async (history) => {
      const start = systemClock().getTime();
      history.advanceTo(start + HOUR);
      const later = systemClock().getTime();
      history.advanceTo(later + 10 * HOUR);
      return { start: start - Date.now(), later: later - start, end: offset(systemClock) };
    });
    expect(Math.round(seen.start / 1000) * 1000).toBe(-6 * HOUR);
    expect(Math.round(seen.later / 1000) * 1000).toBe(HOUR);
    expect(seen.end).toBe(0);
    expect(offset(systemClock)).toBe(0);
  });

  it('goes back on a test’s file clock too, and keeps to the calls made from inside', async () => {
    const file = join(dir, 'history');
    writeFileSync(file, String(HOUR));
    const clock = fileClock(file);
    let outside = NaN;
    let inside = NaN;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const writing = writeHistory(clock, 3 * HOUR, async () => {
      await blocked;
      inside = offset(clock);
    });
    outside = offset(clock);
    release();
    await writing;
    expect(outside).toBe(HOUR);
    expect(inside).toBe(-2 * HOUR);
  });
});
