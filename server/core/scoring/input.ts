/**
 * What scoring reads: the frozen paper, the candidate's answers, the key in force, the blueprint's
 * rules and the annulments (DESIGN.md rule 5). Answers, keys and annulments are keyed by question
 * version, so one decision about an item reaches every variant that carries it, at any position.
 */
import type { Blueprint } from '../blueprint';
import type { Paper } from '../paper/generate';
import type { QuestionKey } from '../question';
import type { Answer } from '../../../db/domain/scoring';

export type { Answer } from '../../../db/domain/scoring';

/** An item taken out of normal marking after an upheld appeal (issue 6). */
export interface Annulment {
  versionId: string;
  /** from the blueprint rules unless overridden */
  mode?: 'award-all' | 'remove';
}

/** The blueprint's parts that scoring uses. */
export type ScoringBlueprint = Pick<Blueprint, 'passMark' | 'scoring' | 'sections' | 'language'>;

export interface ScoringInput {
  paper: Paper;
  /** by versionId; a missing entry or an empty choice/blank text is "unanswered" */
  answers: Readonly<Record<string, Answer>>;
  /** by versionId: the key in force (an upheld appeal may have changed it) */
  keys: Readonly<Record<string, QuestionKey>>;
  blueprint: ScoringBlueprint;
  /** Any number, for any items: those of versions not on this paper are ignored. */
  annulments: readonly Annulment[];
}
