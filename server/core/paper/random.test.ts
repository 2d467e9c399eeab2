import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, createRandomFromState } from './random';

const take = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('xoshiro128**', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    // The vector from xoshiro128starstar.c v1.1, as used in Rust's rand_xoshiro tests.
    const random = createRandomFromState([1, 2, 3, 4]);
    expect(take(10, random.nextUint32)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('derives its state from the first 16 bytes of SHA-256 of the seed, little-endian', () => {
    for (const seed of ['', 'imtahan', 'attempt:5f1c:əğış', 'Экзамен']) {
      const digest = createHash('sha256').update(Buffer.from(seed, 'utf8')).digest();
      const words = [0, 4, 8, 12].map((o) => digest.readUInt32LE(o)) as [number, number, number, number];
      const expected = createRandomFromState(words);
      const actual = createRandom(seed);
      expect(take(8, actual.nextUint32)).toEqual(take(8, expected.nextUint32));
    }
  });

  it('gives the known answers for the seed "imtahan"', () => {
    // Computed once with this implementation and frozen: papers already delivered depend on it.
    expect(take(6, createRandom('imtahan').nextUint32)).toEqual([
      3372686345, 3352305977, 2819325072, 1435258633, 2342988122, 2943644027,
    ]);
    const dice = createRandom('imtahan');
    expect(take(10, () => dice.nextInt(6))).toEqual([5, 5, 0, 1, 2, 5, 4, 4, 4, 4]);
    expect(createRandom('imtahan').shuffle(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toEqual([
      'b',
      'h',
      'c',
      'g',
      'd',
      'a',
      'e',
      'f',
    ]);
    expect(createRandom('').shuffle([1, 2, 3, 4, 5])).toEqual([4, 5, 2, 1, 3]);
  });

  it('rejects an invalid state', () => {
    expect(() => createRandomFromState([0, 0, 0, 0])).toThrow(RangeError);
    expect(() => createRandomFromState([1, 2, 3, 2 ** 32])).toThrow(RangeError);
    expect(() => createRandomFromState([1, 2, 3, -1])).toThrow(RangeError);
  });

  it('gives the same sequence for the same seed and unrelated ones for different seeds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(take(4, createRandom(a).nextUint32)).toEqual(take(4, createRandom(a).nextUint32));
        if (a !== b) expect(take(4, createRandom(a).nextUint32)).not.toEqual(take(4, createRandom(b).nextUint32));
      }),
    );
  });
});

describe('nextInt', () => {
  it('is fair: each face of nextInt(6) over 60,000 draws lands within ±5 % of 10,000', () => {
    const random = createRandom('fair dice');
    const faces = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) faces[random.nextInt(6)]!++;
    for (const count of faces) expect(Math.abs(count - 10_000)).toBeLessThanOrEqual(500);
  });

  it('rejects raw values at or above the largest multiple of n, and reduces the others modulo n', () => {
    // With n = 3·2^30 a quarter of all outputs must be rejected; a biased modulo would keep them.
    const n = 3 * 2 ** 30;
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const raw = createRandom(seed);
        const random = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          let x = raw.nextUint32();
          while (x >= n) x = raw.nextUint32();
          expect(random.nextInt(n)).toBe(x % n);
        }
      }),
    );
  });

  it('stays in range for any bound', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const random = createRandom(seed);
        for (let i = 0; i < 10; i++) {
          const x = random.nextInt(n);
          expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
        }
      }),
    );
  });

  it.each([0, -1, 1.5, 2 ** 32 + 1, Number.NaN, Infinity])('refuses the bound %s', (n) => {
    expect(() => createRandom('x').nextInt(n)).toThrow(RangeError);
  });
});

describe('shuffle and permute', () => {
  it('returns a permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer()), (seed, input) => {
        const copy = input.slice();
        const shuffled = createRandom(seed).shuffle(input);
        expect(input).toEqual(copy);
        expect(shuffled.slice().sort((a, b) => a - b)).toEqual(copy.sort((a, b) => a - b));
      }),
    );
  });

  it('permute yields the shuffle lazily, drawing nothing for elements not taken', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.nat(), { minLength: 1 }), fc.nat(), (seed, input, k) => {
        const taken = Math.min(k, input.length);
        const lazy = createRandom(seed);
        const prefix: number[] = [];
        if (taken > 0) {
          for (const x of lazy.permute(input)) {
            prefix.push(x);
            if (prefix.length === taken) break;
          }
        }
        expect(prefix).toEqual(createRandom(seed).shuffle(input).slice(0, taken));
        // Placing element i costs one nextInt(n − i), and a lone last element costs nothing: the
        // stream must be exactly where those draws, and no others, leave it.
        const reference = createRandom(seed);
        for (let i = 0; i < taken && input.length - i > 1; i++) reference.nextInt(input.length - i);
        expect(lazy.nextUint32()).toBe(reference.nextUint32());
      }),
    );
  });

  it('is uniform: each ordering of three items over 60,000 shuffles within ±5 % of 10,000', () => {
    const random = createRandom('orderings');
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = random.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThanOrEqual(500);
  });
});
