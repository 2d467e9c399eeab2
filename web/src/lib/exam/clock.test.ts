import { describe, expect, it } from 'vitest';
import { ServerClock, TimeWarnings, formatRemaining } from './clock';

const T0 = Date.parse('2026-12-15T06:00:00.000Z');

describe('ServerClock', () => {
  it('corrects the local clock by the offset at receipt', () => {
    // The browser's clock is 90 s behind the server's.
    const clock = new ServerClock(new Date(T0).toISOString(), T0 - 90_000);
    expect(clock.offset).toBe(90_000);
    expect(clock.remaining('2026-12-15T06:10:00.000Z', T0 - 90_000)).toBe(600_000);
    expect(clock.remaining('2026-12-15T05:00:00.000Z', T0)).toBe(0);
  });

  it('refines the offset from the tightest round trip', () => {
    const clock = new ServerClock(new Date(T0).toISOString(), T0);
    clock.observe(new Date(T0 + 5_000 + 300).toISOString(), T0 + 5_000, T0 + 5_400);
    expect(clock.offset).toBe(100);
    // A slower round trip says less, so it does not replace the better estimate.
    clock.observe(new Date(T0 + 9_000).toISOString(), T0 + 6_000, T0 + 8_000);
    expect(clock.offset).toBe(100);
    clock.observe(new Date(T0 + 10_050).toISOString(), T0 + 10_000, T0 + 10_020);
    expect(clock.offset).toBe(40);
    clock.observe('not a time', T0, T0);
    expect(clock.offset).toBe(40);
  });
});

describe('formatRemaining', () => {
  it.each([
    [0, '00:00'],
    [1, '00:01'],
    [59_001, '01:00'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [10_805_000, '3:00:05'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});

describe('TimeWarnings', () => {
  it('gives 15, 5 and 1 minute warnings once each', () => {
    const warnings = new TimeWarnings(20 * 60_000);
    expect(warnings.due(16 * 60_000)).toBeNull();
    expect(warnings.due(15 * 60_000)).toBe(15);
    expect(warnings.due(14 * 60_000)).toBeNull();
    expect(warnings.due(5 * 60_000 - 1)).toBe(5);
    expect(warnings.due(4 * 60_000)).toBeNull();
    expect(warnings.due(30_000)).toBe(1);
    expect(warnings.due(0)).toBeNull();
  });

  it('gives only the latest warning after a jump, and none already past when the room opened', () => {
    const resumed = new TimeWarnings(10 * 60_000);
    expect(resumed.due(9 * 60_000)).toBeNull();
    expect(resumed.due(50_000)).toBe(1);
    const asleep = new TimeWarnings(20 * 60_000);
    expect(asleep.due(2 * 60_000)).toBe(5);
    expect(asleep.due(2 * 60_000)).toBeNull();
  });
});
