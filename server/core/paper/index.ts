/** Paper generation: the pure core that turns a blueprint, the bank's pool and a seed into a paper. */
export { InfeasibleBlueprintError, InvalidBlueprintError, InvalidPoolError } from './errors';
export {
  checkFeasibility,
  type DifficultyFeasibility,
  type FeasibilityReport,
  type LanguageFeasibility,
  type SectionFeasibility,
} from './feasibility';
export { generatePaper, preparePaper, type Paper, type PaperDrawer, type PaperItem } from './generate';
export {
  CURRENT_LABEL_SCHEME,
  LABEL_LENGTH,
  LABEL_SCHEMES,
  optionLabels,
  type LabelScheme,
  type OptionLabels,
} from './option-labels';
export type { QuotaOutcome } from './plan';
export type { PoolItem, QuotaDifficulty } from './pool';
export { createRandom, createRandomFromState, type Random, type RandomState } from './random';
export {
  blueprintProblems,
  MAX_DURATION_MINUTES,
  selectionProblems,
  type BlueprintProblem,
  type BlueprintProblemCode,
} from './validate';
