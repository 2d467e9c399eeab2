import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABEL_LENGTH, optionLabels } from './option-labels';

const optionIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 8 });

describe('optionLabels', () => {
  it('labels every option with a distinct label of one length and alphabet, and reads each back', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), optionIds, (seed, versionId, ids) => {
        const labels = optionLabels(seed, versionId, ids);
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
      fc.property(fc.string(), fc.uuid(), optionIds, (seed, versionId, ids) => {
        const a = optionLabels(seed, versionId, ids);
        const b = optionLabels(seed, versionId, [...ids].reverse());
        for (const id of ids) expect(b.shown(id)).toBe(a.shown(id));
      }),
    );
  });

  it('never shows an authored id, and knows no label it did not give', () => {
    const labels = optionLabels('seed', 'v1', ['a', 'b', 'c', 'd']);
    for (const id of ['a', 'b', 'c', 'd']) {
      expect(labels.shown(id)).not.toBe(id);
      expect(labels.authored(id)).toBeUndefined();
    }
    expect(labels.authored('zz')).toBeUndefined();
    expect(() => labels.shown('e')).toThrow(/not one of the item's options/);
  });

  it('gives another paper and another item other labels', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const base = optionLabels('seed-1', 'v1', ids);
    const otherPaper = optionLabels('seed-2', 'v1', ids);
    const otherItem = optionLabels('seed-1', 'v2', ids);
    for (const id of ids) {
      expect(otherPaper.shown(id)).not.toBe(base.shown(id));
      expect(otherItem.shown(id)).not.toBe(base.shown(id));
    }
  });

  it('puts the authored first option first in sort order only by chance (about 1 in n)', () => {
    let first = 0;
    const papers = 4000;
    for (let p = 0; p < papers; p++) {
      const labels = optionLabels(`paper-${p}`, 'v1', ['a', 'b', 'c', 'd']);
      const sorted = ['a', 'b', 'c', 'd'].map((id) => labels.shown(id)).sort();
      if (sorted[0] === labels.shown('a')) first++;
    }
    // Expected 1000 of 4000; four standard deviations is about 110.
    expect(Math.abs(first - papers / 4)).toBeLessThan(110);
  });
});
