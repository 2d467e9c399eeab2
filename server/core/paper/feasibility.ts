/**
 * The feasibility check an examiner runs while building a blueprint: per section and language,
 * whether the bank holds enough approved questions.
 */
import type { Blueprint } from '../blueprint';
import { LANGUAGES, type Language } from '../question';
import { InvalidBlueprintError } from './errors';
import { planPaper, type QuotaOutcome } from './plan';
import { sortPool, type PoolItem } from './pool';
import { selectionProblems } from './validate';

/** One difficulty of one section (or `any` for a section without a mix). */
export type DifficultyFeasibility = Omit<QuotaOutcome, 'section'>;

export interface SectionFeasibility {
  /** Index of the section in the blueprint, from 0. */
  index: number;
  /** Every difficulty of the section can be filled. */
  ok: boolean;
  difficulties: DifficultyFeasibility[];
}

export interface LanguageFeasibility {
  language: Language;
  /** A paper in this language can be drawn: `generatePaper` succeeds, for every seed. */
  ok: boolean;
  sections: SectionFeasibility[];
}

export interface FeasibilityReport {
  /** Every requested language is feasible. */
  ok: boolean;
  languages: LanguageFeasibility[];
}

/**
 * Checks, for each requested language, whether a paper can be drawn, and where it falls short.
 *
 * Exact, not an estimate: items may suit several sections, so a section is judged on what is left
 * for it. The rule is priority in blueprint order: sections in order, and within a section easy,
 * medium, hard. Each gets the most items it can while every earlier one keeps what it needs (or all
 * it can get, if it is short itself); the pool may be rearranged among earlier sections to make
 * room, so a section is never reported short merely because of an unlucky choice for an earlier
 * one. `available` is that most, `shortBy` what is still missing. A language is ok exactly when
 * nothing is short, which is exactly when `generatePaper` succeeds.
 *
 * @param languages defaults to the blueprint's language followed by the other exam languages.
 * @throws InvalidBlueprintError for a count or difficulty mix that makes no sense, as `generatePaper` does.
 * @throws InvalidPoolError when the pool holds a question twice.
 */
export function checkFeasibility(
  blueprint: Blueprint,
  pool: readonly PoolItem[],
  languages: readonly Language[] = [blueprint.language, ...LANGUAGES.filter((l) => l !== blueprint.language)],
): FeasibilityReport {
  const problems = selectionProblems(blueprint);
  if (problems.length > 0) throw new InvalidBlueprintError(problems);
  const items = sortPool(pool);
  const reports = languages.map((language): LanguageFeasibility => {
    const { outcomes } = planPaper(blueprint, items, language);
    const sections = blueprint.sections.map((_, index): SectionFeasibility => {
      const difficulties = outcomes
        .filter((o) => o.section === index)
        .map(({ difficulty, required, available, shortBy }) => ({ difficulty, required, available, shortBy }));
      return { index, ok: difficulties.every((d) => d.shortBy === 0), difficulties };
    });
    return { language, ok: sections.every((s) => s.ok), sections };
  });
  return { ok: reports.every((r) => r.ok), languages: reports };
}
