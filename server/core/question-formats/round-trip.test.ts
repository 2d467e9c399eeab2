import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftArbitrary } from './draft-arbitrary';
import { FORMATS } from './index';
import { draftProblems } from './validate-draft';

describe('the draft arbitrary', () => {
  it('only makes drafts the shared rules accept', () => {
    fc.assert(
      fc.property(draftArbitrary, (draft) => {
        expect(draftProblems(draft, 1)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(Object.entries(FORMATS))('%s', (_name, format) => {
  it('round-trips any valid drafts without loss (export → import → deep-equal)', () => {
    fc.assert(
      fc.property(fc.array(draftArbitrary, { maxLength: 5 }), (drafts) => {
        const text = format.export(drafts);
        expect(format.import(text)).toStrictEqual({ ok: true, drafts });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(() => format.import(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a mangled export', () => {
    fc.assert(
      fc.property(
        fc.array(draftArbitrary, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat({ max: 20 }),
        (drafts, at, cut) => {
          const text = format.export(drafts);
          const start = at % text.length;
          const mangled = text.slice(0, start) + text.slice(start + cut);
          const result = format.import(mangled);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });
});
