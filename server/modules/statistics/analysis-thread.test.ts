import { describe, expect, it } from 'vitest';
import {
  analyseItems,
  seededRandom,
  StatisticsInputError,
  type StatAttempt,
  type StatItem,
} from '../../core/item-statistics/index';
import {
  analyseOffThread,
  analysisThreadLimits,
  analysisThreadRunning,
  ANALYSIS_THREAD_LIMITS,
} from './analysis-thread';
import { packAttempts } from './packed-attempts';

/** A sitting of `n` candidates on `k` four-option items, each answering from a seeded ability. */
function sitting(n: number, k: number): { items: StatItem[]; attempts: StatAttempt[] } {
  const random = seededRandom(20261207);
  const items: StatItem[] = Array.from({ length: k }, (_, i) => ({
    id: `q${i}`,
    maxMark: 1,
    options: ['a', 'b', 'c', 'd'],
    key: ['a'],
    randomGuessScore: 0.25,
  }));
  const attempts: StatAttempt[] = Array.from({ length: n }, (_, a) => {
    const ability = random();
    return {
      id: `A${a}`,
      responses: items.map((item, i) => {
        const right = random() < (ability + i / k) / 2;
        const chosen = right ? ['a'] : [['b', 'c', 'd'][Math.floor(random() * 3)]!];
        return { item: item.id, mark: right ? 1 : 0, chosen };
      }),
    };
  });
  return { items, attempts };
}

describe('analyseOffThread', () => {
  it('gives exactly what analyseItems gives, for several sittings at once', async () => {
    const sittings = [sitting(400, 12), sitting(150, 5), sitting(30, 3)];
    const results = await Promise.all(sittings.map((s) => analyseOffThread(s.items, s.attempts, { difMinGroup: 100 })));
    sittings.forEach((s, i) => expect(results[i]).toEqual(analyseItems(s.items, s.attempts, { difMinGroup: 100 })));
  });

  it('moves packed attempts to the thread instead of copying them', async () => {
    const { items, attempts } = sitting(300, 10);
    const packed = packAttempts(attempts);
    expect(packed.mark.byteLength).toBe(300 * 10 * 8);
    const analysis = analyseOffThread(items, packed, { difMinGroup: 100 });
    // Sent: the arrays here are detached, their memory now the thread's.
    expect([packed.group, packed.start, packed.item, packed.chosen, packed.mark].map((a) => a.byteLength)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(await analysis).toEqual(analyseItems(items, attempts, { difMinGroup: 100 }));
  });

  it("runs with a young generation of ANALYSIS_THREAD_LIMITS, not V8's default for a server", async () => {
    const { items, attempts } = sitting(200, 10);
    const analysis = analyseOffThread(items, attempts);
    expect(analysisThreadLimits()?.maxYoungGenerationSizeMb).toBe(ANALYSIS_THREAD_LIMITS.maxYoungGenerationSizeMb);
    expect(ANALYSIS_THREAD_LIMITS.maxYoungGenerationSizeMb).toBeLessThanOrEqual(8);
    await analysis;
    expect(analysisThreadLimits()).toBeNull();
  });

  it('refuses what analyseItems refuses, with its error and message', async () => {
    const { items, attempts } = sitting(10, 2);
    const wrong = [
      ...attempts,
      {
        id: 'Z',
        responses: [
          { item: 'q0', mark: 1 },
          { item: 'nope', mark: 0 },
        ],
      },
    ];
    const refused = analyseOffThread(items, wrong);
    await expect(refused).rejects.toBeInstanceOf(StatisticsInputError);
    await expect(refused).rejects.toThrow('attempt Z: unknown item nope');
    // A refusal ends nothing: the next analysis is answered.
    expect((await analyseOffThread(items, attempts)).test.attempts).toBe(10);
  });

  it('ends its thread once nothing is left to do, and starts another for the next analysis', async () => {
    const { items, attempts } = sitting(50, 4);
    const first = analyseOffThread(items, attempts);
    const second = analyseOffThread(items, attempts);
    expect(analysisThreadRunning()).toBe(true);
    // Both asked of the one thread: it ends after the second answer, not after the first.
    await first;
    expect(analysisThreadRunning()).toBe(true);
    await second;
    expect(analysisThreadRunning()).toBe(false);
    expect((await analyseOffThread(items, attempts)).test.attempts).toBe(50);
    expect(analysisThreadRunning()).toBe(false);
  });

  it("leaves the server's own thread free while it works", async () => {
    const { items, attempts } = sitting(1_000, 40);
    let turns = 0;
    let running = true;
    const turn = () => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    const analysis = await analyseOffThread(items, attempts);
    running = false;
    expect(analysis.test.attempts).toBe(1_000);
    // On this thread the analysis would hold the event loop until it returned: not one turn in between.
    expect(turns).toBeGreaterThan(0);
  });
});
