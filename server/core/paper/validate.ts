/**
 * Structural checks of a blueprint, phrased for the form an examiner fills in: each problem names
 * the field it belongs beside.
 */
import type { Blueprint, BlueprintSection } from '../blueprint';
import { DIFFICULTIES } from '../question';

export type BlueprintProblemCode =
  'no-sections' | 'empty' | 'not-integer' | 'out-of-range' | 'unknown-difficulty' | 'mix-mismatch' | 'exceeds-maximum';

export interface BlueprintProblem {
  /** The field, dot-separated from the blueprint's root, e.g. `sections.2.difficultyMix`. */
  path: string;
  code: BlueprintProblemCode;
  /** English, for logs and API clients; pages translate by `code`. */
  message: string;
}

/** The longest exam a blueprint may describe, in minutes (ten hours). */
export const MAX_DURATION_MINUTES = 600;

/** Every structural problem of a blueprint; empty when it is well-formed. */
export function blueprintProblems(blueprint: Blueprint): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const add = (path: string, code: BlueprintProblemCode, message: string) => problems.push({ path, code, message });

  const { durationMinutes, passMark, scoring } = blueprint;
  if (!Number.isInteger(durationMinutes)) {
    add('durationMinutes', 'not-integer', 'The duration must be a whole number of minutes.');
  } else if (durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES) {
    add('durationMinutes', 'out-of-range', `The duration must be between 1 and ${MAX_DURATION_MINUTES} minutes.`);
  }
  const pointsValid = Number.isFinite(scoring.pointsPerItem) && scoring.pointsPerItem > 0;
  if (!pointsValid) add('scoring.pointsPerItem', 'out-of-range', 'Points per item must be greater than 0.');
  if (!(Number.isFinite(scoring.negativeMarking) && scoring.negativeMarking >= 0)) {
    add('scoring.negativeMarking', 'out-of-range', 'Negative marking must be 0 or more.');
  }

  if (blueprint.sections.length === 0) add('sections', 'no-sections', 'A blueprint needs at least one section.');
  blueprint.sections.forEach((section, index) => {
    const at = `sections.${index}`;
    if (section.subject.trim() === '') add(`${at}.subject`, 'empty', 'Choose a subject.');
    problems.push(...sectionSelectionProblems(section, index));
    const { minCorrect, count } = section;
    if (!Number.isInteger(minCorrect)) {
      add(`${at}.minCorrect`, 'not-integer', 'The minimum correct must be a whole number.');
    } else if (minCorrect < 0 || (Number.isInteger(count) && count >= 1 && minCorrect > count)) {
      add(`${at}.minCorrect`, 'out-of-range', `The minimum correct must be between 0 and the count (${count}).`);
    }
  });

  if (!Number.isFinite(passMark) || passMark < 0) {
    add('passMark', 'out-of-range', 'The pass mark must be 0 or more.');
  } else if (
    pointsValid &&
    blueprint.sections.length > 0 &&
    blueprint.sections.every((s) => Number.isInteger(s.count) && s.count >= 1)
  ) {
    const maximum = blueprint.sections.reduce((sum, s) => sum + s.count, 0) * scoring.pointsPerItem;
    if (passMark > maximum) {
      add('passMark', 'exceeds-maximum', `The pass mark exceeds the ${maximum} points the paper can give.`);
    }
  }
  return problems;
}

/**
 * The problems that make drawing a paper meaningless: a bad count or difficulty mix. The generator
 * and the feasibility check refuse a blueprint with any of these; other problems (a pass mark out
 * of reach, say) do not stop an examiner previewing a sample paper.
 */
export function selectionProblems(blueprint: Blueprint): BlueprintProblem[] {
  return blueprint.sections.flatMap((section, index) => sectionSelectionProblems(section, index));
}

function sectionSelectionProblems(section: BlueprintSection, index: number): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const at = `sections.${index}`;
  const countValid = Number.isInteger(section.count) && section.count >= 1;
  if (!countValid) {
    problems.push({
      path: `${at}.count`,
      code: 'out-of-range',
      message: 'The count must be a whole number, 1 or more.',
    });
  }
  const mix = section.difficultyMix;
  if (mix === undefined) return problems;
  let sum = 0;
  let entriesValid = true;
  for (const [difficulty, n] of Object.entries(mix)) {
    const path = `${at}.difficultyMix.${difficulty}`;
    if (!(DIFFICULTIES as readonly string[]).includes(difficulty)) {
      problems.push({ path, code: 'unknown-difficulty', message: `Unknown difficulty "${difficulty}".` });
      entriesValid = false;
    } else if (n === undefined) {
      continue;
    } else if (!Number.isInteger(n) || n < 0) {
      problems.push({ path, code: 'out-of-range', message: 'Each difficulty needs a whole number, 0 or more.' });
      entriesValid = false;
    } else {
      sum += n;
    }
  }
  if (countValid && entriesValid && sum !== section.count) {
    problems.push({
      path: `${at}.difficultyMix`,
      code: 'mix-mismatch',
      message: `The difficulty mix adds up to ${sum}, but the section has ${section.count} items.`,
    });
  }
  return problems;
}
