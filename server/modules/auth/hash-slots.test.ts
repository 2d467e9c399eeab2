import { describe, expect, it } from 'vitest';
import { createSlots, hashesAtOnce } from './hash-slots';

/** Work that ends when the test says so, recording how many ran at once. */
function gate() {
  const ends: (() => void)[] = [];
  let now = 0;
  let most = 0;
  const work = (fail = false) =>
    new Promise<number>((resolve, reject) => {
      now++;
      most = Math.max(most, now);
      ends.push(() => {
        now--;
        if (fail) reject(new Error('failed'));
        else resolve(ends.length);
      });
    });
  return { work, ends, most: () => most };
}

describe('password hash slots', () => {
  it('run no more than their size at once, and every piece of work in turn', async () => {
    const slots = createSlots(2);
    const g = gate();
    const started: number[] = [];
    const results = Array.from({ length: 7 }, (_, i) =>
      slots.run(() => {
        started.push(i);
        return g.work();
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([slots.running, slots.waiting]).toEqual([2, 5]);
    for (let ended = 0; ended < 7; ended++) {
      g.ends[ended]!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(results);
    expect(g.most()).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([slots.running, slots.waiting]).toEqual([0, 0]);
  });

  it('free the slot of work that fails', async () => {
    const slots = createSlots(1);
    const g = gate();
    const failing = slots.run(() => g.work(true));
    const next = slots.run(() => g.work());
    g.ends[0]!();
    await expect(failing).rejects.toThrow('failed');
    await new Promise((resolve) => setImmediate(resolve));
    g.ends[1]!();
    await expect(next).resolves.toBe(2);
    expect(slots.running).toBe(0);
  });

  it("are the cores but one, and no more than OWASP's 19 MiB hashes fitting in 64 MiB", () => {
    expect(hashesAtOnce(1, 19_456)).toBe(1);
    expect(hashesAtOnce(2, 19_456)).toBe(1);
    expect(hashesAtOnce(3, 19_456)).toBe(2);
    expect(hashesAtOnce(16, 19_456)).toBe(3);
    expect(hashesAtOnce(16, 8)).toBe(15);
    expect(hashesAtOnce(16, 100_000)).toBe(1);
  });
});
