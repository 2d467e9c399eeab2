import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicationStanding, publishableAt, type RosterAttempt } from './publication-readiness';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2027, 0, 15, 6) + minutes * MINUTE);
const sitting = { entryClosesAt: at(30), endsAt: at(240) };
const GRACE = 10_000;

describe('publicationStanding', () => {
  it.each([
    [{ status: 'started', deadline: at(250) }, at(245), 'writing'],
    [{ status: 'started', deadline: at(250) }, new Date(at(250).getTime() + GRACE), 'writing'],
    [{ status: 'started', deadline: at(250) }, new Date(at(250).getTime() + GRACE + 1), 'time-up'],
    [{ status: 'submitted', deadline: at(200) }, at(245), 'submitted'],
    [{ status: 'annulled', deadline: null }, at(245), 'annulled'],
    [{ status: 'ready', deadline: null }, at(20), 'not-started'],
    [{ status: 'ready', deadline: null }, at(30), 'not-started'],
    [{ status: 'ready', deadline: null }, at(31), 'absent'],
    [{ status: null, deadline: null }, at(245), 'absent'],
  ] as [RosterAttempt, Date, string][])('%o at %s is %s', (attempt, now, expected) => {
    expect(publicationStanding(attempt, sitting, now, GRACE)).toBe(expected);
  });
});

describe('publishableAt', () => {
  it('is the end of the shift when nobody writes past it', () => {
    expect(publishableAt(sitting, [{ status: 'submitted', deadline: at(200) }], GRACE)).toEqual(at(240));
  });

  it('waits for the last extended candidate, grace included', () => {
    const attempts: RosterAttempt[] = [
      { status: 'started', deadline: at(250) },
      { status: 'started', deadline: at(265) },
      { status: 'ready', deadline: null },
    ];
    expect(publishableAt(sitting, attempts, GRACE).getTime()).toBe(at(265).getTime() + GRACE + 1);
  });

  it('never falls while a candidate writes, who is never absent', () => {
    const attempt = fc.record({
      status: fc.constantFrom('ready', 'started', 'submitted', 'annulled', null),
      deadline: fc.integer({ min: 0, max: 400 }).map(at),
    }) as fc.Arbitrary<RosterAttempt>;
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 20 }), fc.integer({ min: 0, max: 500 }), (attempts, minute) => {
        const now = at(minute);
        const ready = publishableAt(sitting, attempts, GRACE);
        expect(ready.getTime()).toBeGreaterThanOrEqual(sitting.endsAt.getTime());
        for (const a of attempts) {
          const standing = publicationStanding(a, sitting, now, GRACE);
          if (a.status === 'started') expect(standing).not.toBe('absent');
          if (standing === 'writing') expect(ready.getTime()).toBeGreaterThan(now.getTime());
        }
      }),
    );
  });
});
