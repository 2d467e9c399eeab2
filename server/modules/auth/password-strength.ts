import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldProblem } from '../../errors';

/**
 * zxcvbn's score 3, "safely unguessable": about 10^8 guesses or more. Length alone let through
 * `password123`-style choices, which are the first guesses of every list an attacker uses.
 */
export const MIN_PASSWORD_SCORE = 3;

/** zxcvbn's warnings that mean "this is on (or one step from) a list of common passwords". */
const COMMON_WARNINGS = new Set([
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'commonNames',
  'namesByThemselves',
]);

// The dictionaries are a few megabytes: built once, at the first password checked, not at start.
let checker: ZxcvbnFactory | undefined;

/**
 * Whether a password is too easy to guess, as a field problem for `password`, or null if it will do.
 * `userInputs` are the account's own words (e-mail, name, national ID), which a password must not lean on.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): FieldProblem | null {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const words = userInputs
    .flatMap((input) => {
      const lower = input.toLowerCase();
      const local = lower.split('@')[0]!;
      const parts = lower.split(/[\s@._-]+/);
      // Whole, in parts, and run together: `nigarrzayeva` is as guessable as `nigar rzayeva` or `nigar.rzayeva@…`.
      return [lower, parts.join(''), local, local.split(/[\s._-]+/).join(''), ...parts];
    })
    .filter((word) => word.length >= 3);
  const result = checker.check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  if (result.feedback.warning && COMMON_WARNINGS.has(result.feedback.warning)) {
    return {
      field: 'password',
      code: 'too_common',
      message: 'This password is one of the most common ones (or close to one); choose a less predictable one.',
    };
  }
  return {
    field: 'password',
    code: 'too_guessable',
    message:
      'This password is easy to guess (a pattern, a date, a repeated or keyboard sequence, or your own name or e-mail); a few unrelated words make a strong one.',
  };
}
