/**
 * The ways paper generation refuses. Each is a distinct class so the service can map it to its own
 * 4xx response, and each carries the data a page needs to show the examiner what to fix.
 */
import type { Language } from '../question';
import type { BlueprintProblem } from './validate';
import type { QuotaOutcome } from './plan';

/** The blueprint is malformed in a way that makes drawing meaningless (e.g. a mix that does not sum to the count). */
export class InvalidBlueprintError extends Error {
  override readonly name = 'InvalidBlueprintError';

  constructor(readonly problems: readonly BlueprintProblem[]) {
    super(`The blueprint is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** The pool handed in breaks the one-version-per-question contract (a caller bug, not an examiner's). */
export class InvalidPoolError extends Error {
  override readonly name = 'InvalidPoolError';
}

/** The bank does not hold enough eligible approved questions to draw the paper in this language. */
export class InfeasibleBlueprintError extends Error {
  override readonly name = 'InfeasibleBlueprintError';

  constructor(
    readonly language: Language,
    /** Only the quotas that fall short, in section order. */
    readonly shortfalls: readonly QuotaOutcome[],
  ) {
    super(
      `Not enough questions in "${language}": ` +
        shortfalls
          .map(
            (s) =>
              `section ${s.section} (${s.difficulty}) needs ${s.required}, ${s.available} available, short by ${s.shortBy}`,
          )
          .join('; '),
    );
  }
}
