import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseItems,
  itemParameters,
  simulateAnswers,
  type SimulatedCandidate,
  type SimulatedItem,
  type StatAttempt,
  type StatItem,
} from './item-statistics/index';

const OPTIONS = ['a', 'b', 'c', 'd'];
const SEED = 'demo-population-2026';

/** A 40-item test in four-option items; the first four carry the faults the demo plants. */
function bank(): SimulatedItem[] {
  return Array.from({ length: 40 }, (_, i) => {
    const id = `q${String(i).padStart(2, '0')}`;
    const level = (['easy', 'medium', 'hard'] as const)[i % 3]!;
    const base: SimulatedItem = { id, options: OPTIONS, key: ['a'], ...itemParameters(SEED, id, level, 4) };
    if (i === 0) return { ...base, difficulty: -0.5, fault: { kind: 'miskeyed', believed: 'c' } };
    if (i === 1) return { ...base, difficulty: 0, fault: { kind: 'flat' } };
    if (i === 2) return { ...base, difficulty: 0.3, fault: { kind: 'attracting', option: 'd' } };
    if (i === 3) return { ...base, difficulty: 0, fault: { kind: 'harder-in', language: 'ru', shift: 1.5 } };
    return base;
  });
}

/** Each candidate sees 30 of the 40 items, as a random paper from a bank would give. */
function population(size: number): SimulatedCandidate[] {
  const ids = bank().map((i) => i.id);
  return Array.from({ length: size }, (_, c) => ({
    id: `cand-${c}`,
    language: c % 2 === 0 ? 'az' : 'ru',
    items: ids.filter((_, i) => i < 4 || (i + c) % 4 !== 0),
  }));
}

function analyse(items: SimulatedItem[], candidates: SimulatedCandidate[]) {
  const answers = simulateAnswers(SEED, items, candidates);
  const statItems: StatItem[] = items.map((i) => ({ id: i.id, maxMark: 1, options: i.options, key: i.key }));
  // The statistics need the same number of slots on every paper: an unseen item is not a slot, so pad none.
  const attempts: StatAttempt[] = answers.map((a, k) => ({
    id: a.candidate,
    language: candidates[k]!.language,
    responses: a.responses.map((r) => ({ item: r.item, mark: r.right ? 1 : 0, chosen: r.chosen })),
  }));
  return analyseItems(statItems, attempts, { difMinGroup: 100 });
}

describe('the simulated population', () => {
  it('gives the same answers for the same seed, and other answers for another', () => {
    const items = bank();
    const candidates = population(50);
    const once = simulateAnswers(SEED, items, candidates);
    expect(simulateAnswers(SEED, items, candidates)).toEqual(once);
    const other = simulateAnswers('another seed', items, candidates);
    expect(other.map((a) => a.responses.map((r) => r.chosen))).not.toEqual(
      once.map((a) => a.responses.map((r) => r.chosen)),
    );
  });

  it('answers each candidate and item on their own: the same whoever else sat and in whatever order', () => {
    const items = bank();
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer(), (size, salt) => {
        const candidates = population(size);
        const all = simulateAnswers(SEED, items, candidates);
        const reversed = [...candidates].reverse().map((c) => ({ ...c, items: [...c.items].reverse() }));
        const back = simulateAnswers(SEED, items, reversed).reverse();
        back.forEach((a, k) => {
          expect(a.ability).toBe(all[k]!.ability);
          expect([...a.responses].reverse()).toEqual(all[k]!.responses);
        });
        const one = Math.abs(salt) % size;
        expect(simulateAnswers(SEED, items, [candidates[one]!])[0]).toEqual(all[one]);
      }),
      { numRuns: 30 },
    );
  });

  it('answers alike in every database: keyed by the items’ stable keys, whatever ids a database gave them', () => {
    const keyed = bank().map((i) => ({ ...i, stableKey: `bank:${i.id}` }));
    const candidates = population(40);
    const once = simulateAnswers(SEED, keyed, candidates);
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: keyed.length, maxLength: keyed.length }), (ids) => {
        // Another database: the same bank under other ids (as random UUIDs are), the papers renamed to match.
        const rename = new Map(keyed.map((item, k) => [item.id, ids[k]!]));
        const renamed = keyed.map((item) => ({ ...item, id: rename.get(item.id)! }));
        const papers = candidates.map((c) => ({ ...c, items: c.items.map((id) => rename.get(id)!) }));
        const there = simulateAnswers(SEED, renamed, papers);
        there.forEach((answers, k) => {
          expect(answers.ability).toBe(once[k]!.ability);
          expect(answers.responses.map((r) => ({ ...r, item: keyed[ids.indexOf(r.item)]!.id }))).toEqual(
            once[k]!.responses,
          );
        });
      }),
      { numRuns: 20 },
    );
    // Without stable keys the ids are the keys: renaming the items changes the answers, so the test above can fail.
    const unkeyed = bank();
    const primed = unkeyed.map((item) => ({ ...item, id: `${item.id}'` }));
    const plain = simulateAnswers(SEED, unkeyed, candidates).map((a) => a.responses.map((r) => r.chosen));
    const other = simulateAnswers(
      SEED,
      primed,
      candidates.map((c) => ({ ...c, items: c.items.map((id) => `${id}'`) })),
    ).map((a) => a.responses.map((r) => r.chosen));
    expect(other).not.toEqual(plain);
  });

  it('keeps every answer within the item: chosen options exist, right means the stored key, omitted means nothing chosen', () => {
    const items = bank();
    const byId = new Map(items.map((i) => [i.id, i]));
    fc.assert(
      fc.property(fc.string(), (seed) => {
        for (const answers of simulateAnswers(seed, items, population(8))) {
          for (const r of answers.responses) {
            const item = byId.get(r.item)!;
            if (r.omitted) expect(r.chosen).toBeNull();
            else expect(r.chosen!.every((o) => item.options.includes(o))).toBe(true);
            expect(r.right).toBe(!r.omitted && r.chosen!.length === 1 && r.chosen![0] === item.key[0]);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('answers right more often the abler the candidate, on an item without a fault', () => {
    const items = bank();
    const answers = simulateAnswers(SEED, items, population(1000));
    const sorted = [...answers].sort((x, y) => x.ability - y.ability);
    const share = (group: typeof answers) =>
      group.reduce((s, a) => s + a.responses.filter((r) => r.right && r.item >= 'q04').length, 0) /
      group.reduce((s, a) => s + a.responses.filter((r) => r.item >= 'q04').length, 0);
    expect(share(sorted.slice(-270))).toBeGreaterThan(share(sorted.slice(0, 270)) + 0.3);
  });
});

describe('the statistics find the planted faults', () => {
  const analysis = analyse(bank(), population(1000));
  const flagsOf = (id: string) => analysis.items.find((i) => i.item === id)!.flags;

  it('the miskeyed item discriminates negatively, and the option the able choose attracts them', () => {
    expect(flagsOf('q00').map((f) => f.code)).toContain('negative-discrimination');
    expect(flagsOf('q00')).toContainEqual({ code: 'attracting-distractor', option: 'c' });
  });

  it('the flat item tells nobody apart: low (or, by chance, negative) discrimination', () => {
    const flat = analysis.items.find((i) => i.item === 'q01')!;
    expect(Math.abs(flat.discriminationIndex!)).toBeLessThan(10);
    expect(flat.flags.map((f) => f.code)).toEqual(
      expect.arrayContaining([flat.discriminationIndex! < 0 ? 'negative-discrimination' : 'low-discrimination']),
    );
  });

  it('the attracting distractor is flagged by its option', () => {
    expect(flagsOf('q02')).toContainEqual({ code: 'attracting-distractor', option: 'd' });
  });

  it('the item harder in Russian is C-class DIF between az and ru, and no sound item is', () => {
    expect(flagsOf('q03')).toContainEqual({ code: 'dif-c', groups: 'az/ru' });
    const c = analysis.dif.filter((d) => d.class === 'C').map((d) => d.item);
    expect(c).toEqual(['q03']);
  });

  it('no sound item is flagged for low or negative discrimination or a distractor', () => {
    const noisy = analysis.items
      .filter((i) => i.item >= 'q04')
      .filter((i) =>
        i.flags.some((f) =>
          ['negative-discrimination', 'low-discrimination', 'attracting-distractor', 'dif-c'].includes(f.code),
        ),
      )
      .map((i) => i.item);
    expect(noisy).toEqual([]);
  });
});
