/** One reason an input cannot be scored, with where it is (`keys["q1-v2"].correct`). */
export interface ScoringInputProblem {
  path: string;
  message: string;
}

/**
 * Raised for inputs that cannot be scored: a paper item without a key, an answer naming an option the
 * item does not have, a multiple-choice key with no correct option… Guessing would produce a result
 * nobody can defend, so scoring refuses and lists every problem at once (DESIGN.md rule 10).
 */
export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';

  constructor(readonly problems: readonly ScoringInputProblem[]) {
    super(`Cannot score: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}
