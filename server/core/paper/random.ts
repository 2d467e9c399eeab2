/**
 * The seeded random source behind paper generation.
 *
 * A paper must be regenerable years later, on any machine, from its blueprint, pool and seed
 * (DESIGN.md, rule 4). So the generator is written out here instead of borrowed: xoshiro128**
 * 1.1 (Blackman and Vigna) in 32-bit integer arithmetic, which gives the same sequence on every
 * platform and JavaScript engine. Its 128-bit state is the first 16 bytes of SHA-256 of the seed
 * (UTF-8), so any string is a seed and similar strings give unrelated sequences.
 *
 * Not for secrets: the seed itself is the secret (derived from a server key and the attempt id).
 */
import { createHash } from 'node:crypto';

/** The four 32-bit words of xoshiro128** state. */
export type RandomState = readonly [number, number, number, number];

/** A deterministic stream of random choices. */
export interface Random {
  /** The next raw 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniformly distributed integer in [0, n); n must be an integer in [1, 2^32]. */
  nextInt(n: number): number;
  /** A uniformly shuffled copy of `items` (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * Yields the elements of `items` in the order `shuffle(items)` would return them, drawing only
   * as many numbers as elements are taken. Taking the first k costs k draws instead of n, which
   * matters when a section takes 15 items from a bank of thousands.
   */
  permute<T>(items: readonly T[]): Generator<T, void, undefined>;
}

const TWO_POW_32 = 2 ** 32;

/** A random stream determined entirely by `seed`. */
export function createRandom(seed: string): Random {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  const state: [number, number, number, number] = [
    digest.readUInt32LE(0),
    digest.readUInt32LE(4),
    digest.readUInt32LE(8),
    digest.readUInt32LE(12),
  ];
  // xoshiro's one forbidden state; SHA-256 will not produce it in practice, but stay total.
  if (state.every((word) => word === 0)) state[0] = 0x9e3779b9;
  return createRandomFromState(state);
}

/**
 * A random stream from an explicit xoshiro128** state, for known-answer tests against the
 * reference implementation. The state must not be all zeros.
 */
export function createRandomFromState(initial: RandomState): Random {
  if (initial.some((word) => !Number.isInteger(word) || word < 0 || word >= TWO_POW_32)) {
    throw new RangeError('xoshiro128** state words must be integers in [0, 2^32)');
  }
  if (initial.every((word) => word === 0)) throw new RangeError('xoshiro128** state must not be all zeros');
  let [s0, s1, s2, s3] = initial.map((word) => word | 0) as [number, number, number, number];

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result >>> 0;
  };

  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`nextInt needs an integer bound in [1, 2^32], got ${n}`);
    }
    // Rejection sampling: outputs at or above the largest multiple of n would favour small
    // results (modulo bias), so they are drawn again. At most half the range is ever rejected.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };

  function* permute<T>(items: readonly T[]): Generator<T, void, undefined> {
    const pool = items.slice();
    // Forward Fisher–Yates: position i receives a uniform pick from the not-yet-placed rest.
    for (let i = 0; i < pool.length; i++) {
      const remaining = pool.length - i;
      // A last element has nowhere else to go; drawing for it would waste a number.
      if (remaining > 1) {
        const j = i + nextInt(remaining);
        const picked = pool[j] as T;
        pool[j] = pool[i] as T;
        pool[i] = picked;
      }
      yield pool[i] as T;
    }
  }

  const shuffle = <T>(items: readonly T[]): T[] => [...permute(items)];

  return { nextUint32, nextInt, shuffle, permute };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
