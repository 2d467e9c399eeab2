/**
 * The question bank's vocabulary, shared by the pure cores (paper generation, import/export,
 * scoring) and the questions module. Types only: no behaviour lives here.
 */

export {
  DIFFICULTIES,
  LANGUAGES,
  QUESTION_TYPES,
  type Difficulty,
  type ExpectedLength,
  type Language,
  type Localised,
  type MultipleScoring,
  type QuestionContent,
  type QuestionKey,
  type QuestionOption,
  type QuestionType,
  type RubricCriterion,
  type RubricLevel,
  type ShortMatch,
} from '../../db/domain/question';
import type { Difficulty, Localised, QuestionContent, QuestionKey } from '../../db/domain/question';

/**
 * Everything an examiner writes for one version of a question. Import and export formats convert
 * to and from this; the bank stores it as an immutable version.
 */
export interface QuestionDraft {
  /** An optional external identifier kept through import and export (e.g. `logic-series-01`). */
  externalId?: string;
  subject: string;
  topic?: string;
  difficulty: Difficulty;
  content: QuestionContent;
  key: QuestionKey;
  explanation: Localised;
  /** A legal reference (article) or other source. */
  source?: string;
  tags: string[];
}
