/**
 * An attempt that closed but could not be scored is held (DESIGN.md rule 12): left out of publication
 * and shown to the administrators by name, until one of them releases it with a recorded reason.
 */
import type { ScoringHold } from '../../../db/schema/index';
import type { ScoringInputProblem } from '../../core/scoring/index';

export function isHeld(hold: ScoringHold | null | undefined): hold is ScoringHold {
  return hold !== null && hold !== undefined && hold.release === undefined;
}

const ANSWER_PATH = /^answers\["([^"]+)"\]/;

/**
 * What a release can mend: the items whose stored answers are the problem (for example saved before
 * answers were checked at the door). Any other problem, a key without its item's option, is the
 * examiners' to correct through a ruling, and is returned as `other`.
 */
export function answerProblems(problems: readonly ScoringInputProblem[]): {
  versionIds: string[];
  other: ScoringInputProblem[];
} {
  const versionIds = new Set<string>();
  const other: ScoringInputProblem[] = [];
  for (const problem of problems) {
    const match = ANSWER_PATH.exec(problem.path);
    if (match) versionIds.add(JSON.parse(`"${match[1]!}"`) as string);
    else other.push(problem);
  }
  return { versionIds: [...versionIds].sort(), other };
}
