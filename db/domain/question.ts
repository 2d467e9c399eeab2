/**
 * The question bank's vocabulary: languages, localised text, a question's content and its key.
 * A leaf that imports nothing, so that the schema (db/) and the pure cores (server/core) share these
 * types without either reaching into the other.
 */

export const LANGUAGES = ['az', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in each exam language. A language may be missing while a question is being written. */
export type Localised = Partial<Record<Language, string>>;

export const QUESTION_TYPES = ['single', 'multiple', 'short', 'essay'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** How a multiple-choice item is marked. */
export type MultipleScoring = 'all-or-nothing' | 'partial';

/** How a short answer is compared with the accepted ones. */
export type ShortMatch = 'exact' | 'normalised';

export interface QuestionOption {
  /** Stable within the question across versions, e.g. `a`, `b`; papers record option order by id. */
  id: string;
  text: Localised;
}

/** What a candidate may see: the stem and the options, never the key. */
export interface QuestionContent {
  type: QuestionType;
  text: Localised;
  /** single and multiple only. */
  options: QuestionOption[];
  /** essay only: the length asked for, shown beside the exam room's word count (advisory, never enforced). */
  expectedLength?: ExpectedLength;
}

/** An essay or case task's asked-for length in words. */
export interface ExpectedLength {
  minWords: number;
  maxWords: number;
}

/** One level of a rubric criterion: the points it gives and what a script at that level shows. */
export interface RubricLevel {
  points: number;
  descriptor: Localised;
}

/**
 * One criterion of an essay's rubric, marked on its own by each marker. `id` is stable across versions
 * (like an option's), so markings and the agreement report can name it.
 */
export interface RubricCriterion {
  id: string;
  title: Localised;
  /** Whole points, 1…100; a marker gives 0…maxPoints. */
  maxPoints: number;
  /** Ascending by points; the top level gives maxPoints. */
  levels: RubricLevel[];
}

/** The secret part: which options are correct, or which short answers are accepted. */
export type QuestionKey =
  | { type: 'single'; correct: [string] }
  | { type: 'multiple'; correct: string[]; scoring: MultipleScoring }
  | { type: 'short'; accepted: Localised[]; match: ShortMatch }
  /** Essays are marked by people against the rubric, never by scoring; markers see it, candidates after reveal. */
  | { type: 'essay'; rubric: RubricCriterion[] };
