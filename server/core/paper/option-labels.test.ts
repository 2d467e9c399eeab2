import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENT_LABEL_SCHEME, LABEL_LENGTH, LABEL_SCHEMES, optionLabels } from './option-labels';

const optionIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 12 });
const scheme = fc.constantFrom(...LABEL_SCHEMES);

describe('optionLabels', () => {
  it('labels every option with a distinct label of one length and alphabet, and reads each back', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), optionIds, scheme, (seed, versionId, ids, s) => {
        const labels = optionLabels(seed, versionId, ids, s);
        const shown = ids.map((id) => labels.shown(id));
        expect(new Set(shown).size).toBe(ids.length);
        for (const [i, label] of shown.entries()) {
          expect(label).toMatch(new RegExp(`^[0-9a-hjkmnp-tv-z]{${LABEL_LENGTH}}$`));
          expect(labels.authored(label)).toBe(ids[i]);
        }
      }),
    );
  });

  it('is reproducible from its inputs, whatever order the options come in', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), optionIds, scheme, (seed, versionId, ids, s) => {
        const a = optionLabels(seed, versionId, ids, s);
        const b = optionLabels(seed, versionId, [...ids].reverse(), s);
        for (const id of ids) expect(b.shown(id)).toBe(a.shown(id));
      }),
    );
  });

  it('never shows an authored id, and knows no label it did not give', () => {
    for (const s of LABEL_SCHEMES) {
      const labels = optionLabels('seed', 'v1', ['a', 'b', 'c', 'd'], s);
      for (const id of ['a', 'b', 'c', 'd']) {
        expect(labels.shown(id)).not.toBe(id);
        expect(labels.authored(id)).toBeUndefined();
      }
      expect(labels.authored('zz')).toBeUndefined();
      expect(() => labels.shown('e')).toThrow(/not one of the item's options/);
    }
  });

  it('gives another paper, another item and the other scheme other labels', () => {
    const ids = ['a', 'b', 'c', 'd'];
    for (const s of LABEL_SCHEMES) {
      const base = optionLabels('seed-1', 'v1', ids, s);
      const otherPaper = optionLabels('seed-2', 'v1', ids, s);
      const otherItem = optionLabels('seed-1', 'v2', ids, s);
      const otherScheme = optionLabels('seed-1', 'v1', ids, s === 1 ? 2 : 1);
      for (const id of ids) {
        expect(otherPaper.shown(id)).not.toBe(base.shown(id));
        expect(otherItem.shown(id)).not.toBe(base.shown(id));
        expect(otherScheme.authored(base.shown(id))).toBeUndefined();
      }
    }
  });

  it('keeps the labels of papers drawn under scheme 1 as they were', () => {
    // Computed by the scheme-1 code as it stood before scheme 2 (467f00c): a running attempt's
    // browser may hold these, so they must never change.
    const pinned: [string, string, Record<string, string>][] = [
      ['seed', 'v1', { a: '8pff7rqx', b: 'xqvs9pp1', c: '69c19k7s', d: 'qy06pmsx' }],
      [
        '3f1c9a0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf02468',
        '0b6f6c1e-3b0a-4c55-9d8e-2a7f1e4c9b10',
        { a: 'js2x4e54', b: '11gr1jdd', c: 'cajvw5br', d: '4vh2t7h2', e: 'ymxcdpmx' },
      ],
      ['', '00000000-0000-4000-8000-000000000000', { x: 'qz5aptgx' }],
    ];
    for (const [seed, versionId, expected] of pinned) {
      const labels = optionLabels(seed, versionId, Object.keys(expected), 1);
      for (const [id, label] of Object.entries(expected)) expect(labels.shown(id)).toBe(label);
    }
  });

  it('draws new papers under scheme 2', () => {
    expect(CURRENT_LABEL_SCHEME).toBe(2);
  });

  for (const s of LABEL_SCHEMES) {
    it(`scheme ${s}: puts the authored first option first in sort order only by chance (about 1 in n)`, () => {
      const papers = 4000;
      for (const ids of [
        ['a', 'b', 'c', 'd'],
        // Seven options: scheme 2 reads a second block for the seventh.
        ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      ]) {
        const firsts = new Map(ids.map((id) => [id, 0]));
        for (let p = 0; p < papers; p++) {
          const labels = optionLabels(`paper-${p}`, 'v1', ids, s);
          const first = labels.authored(ids.map((id) => labels.shown(id)).sort()[0]!)!;
          firsts.set(first, firsts.get(first)! + 1);
        }
        // Each option comes first in about 1 in n papers; four standard deviations either side.
        const expected = papers / ids.length;
        const sd = Math.sqrt(papers * (1 / ids.length) * (1 - 1 / ids.length));
        for (const count of firsts.values()) expect(Math.abs(count - expected)).toBeLessThan(4 * sd);
      }
    });

    it(`scheme ${s}: a candidate who picks the lexicographically first label everywhere scores at chance`, () => {
      // Authors tend to put the right answer first and call it `a`: the worst case for a leak.
      const papers = 500;
      const items = 40;
      let right = 0;
      for (let p = 0; p < papers; p++) {
        for (let i = 0; i < items; i++) {
          const ids = ['a', 'b', 'c', 'd'];
          const labels = optionLabels(`seed-${s}-${p}`, `item-${i}`, ids, s);
          const picked = labels.authored(ids.map((id) => labels.shown(id)).sort()[0]!);
          if (picked === 'a') right++;
        }
      }
      // 20,000 answers at 1 in 4: expected 5,000, standard deviation ≈ 61; four of them either side.
      expect(Math.abs(right - (papers * items) / 4)).toBeLessThan(4 * Math.sqrt(papers * items * 0.25 * 0.75));
    });
  }
});
