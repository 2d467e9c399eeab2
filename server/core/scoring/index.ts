/** Scoring: the pure core that turns a paper, answers, keys, rules and annulments into a result. */
export { ANNULMENT_MODES, type AnnulmentMode } from './annulment';
export { fitAnswer, MAX_ESSAY_ANSWER, MAX_TEXT_ANSWER, type AnswerFit, type AnswerMisfit } from './answer-fit';
export { ScoringInputError, type ScoringInputProblem } from './errors';
export { REPORTED_DECIMALS } from './exact-points';
export { isUnanswered } from './mark-item';
export { isBlankText, matchesShortAnswer, normaliseShortAnswer } from './normalise-answer';
export {
  scoreAttempt,
  SCORING_VERSION,
  type Annulment,
  type Answer,
  type FailReason,
  type ItemResult,
  type ScoringBlueprint,
  type ScoringInput,
  type ScoringResult,
  type SectionResult,
} from './score';
export { scoringInputProblems } from './validate';
