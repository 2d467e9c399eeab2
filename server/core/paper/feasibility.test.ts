import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidBlueprintError, InvalidPoolError } from './errors';
import { checkFeasibility, type FeasibilityReport } from './feasibility';
import {
  blueprint,
  bruteAvailable,
  bruteFeasible,
  constitutionSqueeze,
  item,
  lawShortOfHard,
  items,
  mediumEdgeInstance,
  mediumInstance,
  oracleQuotas,
  section,
  tinyEdgeInstance,
  withReorderedPool,
} from './test-support';

/** The report's rows flattened in priority order, as the oracles list quotas. */
const rows = (report: FeasibilityReport, language = 0) =>
  report.languages[language]!.sections.flatMap((s) => s.difficulties.map((d) => ({ section: s.index, ...d })));

describe('checkFeasibility: examples', () => {
  it('reports required and available per section and difficulty', () => {
    const pool = lawShortOfHard();
    const bp = blueprint([
      section({ subject: 'logic', count: 4 }),
      section({ subject: 'law', count: 4, difficultyMix: { easy: 2, medium: 0, hard: 2 } }),
    ]);
    const report = checkFeasibility(bp, pool, ['az']);
    expect(report).toEqual({
      ok: false,
      languages: [
        {
          language: 'az',
          ok: false,
          sections: [
            { index: 0, ok: true, difficulties: [{ difficulty: 'any', required: 4, available: 5, shortBy: 0 }] },
            {
              index: 1,
              ok: false,
              difficulties: [
                { difficulty: 'easy', required: 2, available: 3, shortBy: 0 },
                { difficulty: 'hard', required: 2, available: 1, shortBy: 1 },
              ],
            },
          ],
        },
      ],
    });
  });

  it('judges a section on what earlier sections leave, though each alone would be fine', () => {
    // Section 0 takes any legislation topic, section 1 only the Constitution. Alone, each has
    // enough; together they need four items from a bank of three.
    const { bp, pool } = constitutionSqueeze(2);
    expect(rows(checkFeasibility(bp, pool, ['az']))).toEqual([
      { section: 0, difficulty: 'any', required: 2, available: 3, shortBy: 0 },
      { section: 1, difficulty: 'any', required: 2, available: 1, shortBy: 1 },
    ]);
  });

  it('lets an earlier section make room, so a later one is not short for want of a better choice', () => {
    // Filled blindly, section 0 could take both Constitution items; it can take the civil-service
    // one instead, so section 1 is fine.
    const { bp, pool } = constitutionSqueeze(3);
    const report = checkFeasibility(bp, pool, ['az']);
    expect(report.ok).toBe(true);
    expect(rows(report)).toEqual([
      { section: 0, difficulty: 'any', required: 2, available: 4, shortBy: 0 },
      { section: 1, difficulty: 'any', required: 2, available: 2, shortBy: 0 },
    ]);
  });

  it('gives earlier sections priority when the bank is short', () => {
    const bp = blueprint([section({ count: 2 }), section({ count: 2 })]);
    expect(rows(checkFeasibility(bp, items('q', 3), ['az']))).toEqual([
      { section: 0, difficulty: 'any', required: 2, available: 3, shortBy: 0 },
      { section: 1, difficulty: 'any', required: 2, available: 1, shortBy: 1 },
    ]);
  });

  it('checks each language separately, the exam language first by default', () => {
    const pool = [
      ...items('all', 2),
      ...items('az', 2, { languages: ['az'] }),
      ...items('en', 1, { languages: ['en'] }),
    ];
    const bp = blueprint([section({ count: 3 })], { language: 'ru' });
    const report = checkFeasibility(bp, pool);
    expect(report.languages.map((l) => [l.language, l.ok, l.sections[0]!.difficulties[0]!.available])).toEqual([
      ['ru', false, 2],
      ['az', true, 4],
      ['en', true, 3],
    ]);
    expect(report.ok).toBe(false);
    expect(checkFeasibility(bp, pool, ['az', 'en']).ok).toBe(true);
  });

  it('reports an empty list of languages as trivially ok', () => {
    expect(checkFeasibility(blueprint([section()]), [], [])).toEqual({ ok: true, languages: [] });
  });

  it('refuses what generatePaper refuses', () => {
    const badMix = blueprint([section({ count: 2, difficultyMix: { easy: 1 } })]);
    expect(() => checkFeasibility(badMix, items('q', 5))).toThrow(InvalidBlueprintError);
    const twice = [item({ questionId: 'q', versionId: 'v1' }), item({ questionId: 'q', versionId: 'v2' })];
    expect(() => checkFeasibility(blueprint([section()]), twice)).toThrow(InvalidPoolError);
  });

  it('answers for a bank of thousands at once', () => {
    // The feasibility check runs on every blueprint edit; it must stay interactive.
    const topics = ['constitution', 'civil-service', 'anti-corruption', 'ethics'];
    const pool = Array.from({ length: 4000 }, (_, i) =>
      item({
        questionId: `q${i}`,
        subject: i % 2 === 0 ? 'law' : 'logic',
        topic: topics[Math.floor(i / 2) % 4]!,
        difficulty: (['easy', 'medium', 'hard'] as const)[i % 3]!,
      }),
    );
    const bp = blueprint([
      section({ subject: 'law', count: 40 }),
      ...topics.map((t) =>
        section({ subject: 'law', topics: [t], count: 10, difficultyMix: { easy: 3, medium: 4, hard: 3 } }),
      ),
      section({ subject: 'logic', count: 30 }),
    ]);
    const started = performance.now();
    expect(checkFeasibility(bp, pool).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('checkFeasibility: properties', () => {
  it('says ok exactly when some complete paper exists (exhaustive search)', () => {
    fc.assert(
      fc.property(tinyEdgeInstance, ({ blueprint: bp, pool }) => {
        const report = checkFeasibility(bp, pool, [bp.language]);
        expect(report.ok).toBe(bruteFeasible(oracleQuotas(bp, pool, bp.language)));
      }),
      { numRuns: 300 },
    );
  });

  it('computes available and shortBy by the documented priority rule (exhaustive search)', () => {
    fc.assert(
      fc.property(tinyEdgeInstance, ({ blueprint: bp, pool }) => {
        const quotas = oracleQuotas(bp, pool, bp.language);
        const available = bruteAvailable(quotas);
        expect(rows(checkFeasibility(bp, pool, [bp.language]))).toEqual(
          quotas.map((q, g) => ({
            section: q.section,
            difficulty: q.difficulty,
            required: q.required,
            available: available[g],
            shortBy: Math.max(0, q.required - available[g]!),
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('marks a section ok exactly when none of its difficulties is short, and a language when all sections are', () => {
    fc.assert(
      fc.property(mediumEdgeInstance, ({ blueprint: bp, pool }) => {
        const report = checkFeasibility(bp, pool);
        for (const language of report.languages) {
          for (const s of language.sections) expect(s.ok).toBe(s.difficulties.every((d) => d.shortBy === 0));
          expect(language.ok).toBe(language.sections.every((s) => s.ok));
        }
        expect(report.ok).toBe(report.languages.every((l) => l.ok));
      }),
    );
  });

  it('says ok for every pool built to fill the blueprint', () => {
    fc.assert(
      fc.property(mediumInstance, ({ blueprint: bp, pool }) => {
        expect(checkFeasibility(bp, pool, [bp.language]).ok).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the pool, and checks each language as if alone', () => {
    fc.assert(
      fc.property(withReorderedPool(mediumEdgeInstance), ({ instance, reordered }) => {
        const report = checkFeasibility(instance.blueprint, instance.pool);
        expect(checkFeasibility(instance.blueprint, reordered)).toEqual(report);
        for (const language of report.languages) {
          expect(checkFeasibility(instance.blueprint, reordered, [language.language]).languages).toEqual([language]);
        }
      }),
    );
  });
});
