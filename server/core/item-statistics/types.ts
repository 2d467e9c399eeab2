/**
 * Item and test statistics, as Moodle's quiz statistics report defines them (docs.moodle.org/dev/Quiz_statistics_calculations),
 * plus what exam bodies add: upper/lower groups, distractor analysis, Mantel–Haenszel DIF, forms comparison.
 *
 * Units follow Moodle's stored values: facility and sd are fractions of the item's maximum (0–1); intended and
 * effective weight, the discrimination index, the discriminative efficiency and the coefficient of internal
 * consistency (`cic`) are percentages; the test's mean, median and sd are in marks. Classic measures that are
 * not Moodle's keep their classic scale: the upper/lower discrimination D and the options' point-biserials are
 * in −1…1.
 */

/** One question (version) that appeared on some attempts. */
export interface StatItem {
  id: string;
  /** The item's maximum mark, > 0. */
  maxMark: number;
  /** Blueprint section index; 0 when the test has no sections. */
  section?: number;
  /** The authored option ids, for the distractor analysis; absent for an item without options. */
  options?: readonly string[];
  /** The keyed options among `options`. */
  key?: readonly string[];
  /** The expected fraction of the maximum that blind guessing earns; null when not known. */
  randomGuessScore?: number | null;
  /** Annulled by a ruling: still measured, never flagged (the decision is made). */
  annulled?: boolean;
}

/** What an attempt did at one position (slot) of its paper. */
export interface StatResponse {
  item: string;
  mark: number;
  /** The authored option ids chosen; null or empty when unanswered. */
  chosen?: readonly string[] | null;
}

/** One scored attempt: a response per slot, in slot order (the same number of slots on every attempt). */
export interface StatAttempt {
  id: string;
  /** The exam language, for differential item functioning. */
  language?: string;
  /** A paper form label, for the forms comparison. */
  form?: string;
  responses: readonly StatResponse[];
}

export interface StatisticsOptions {
  /** Share of attempts in each of the upper and lower groups (Kelley's 27 %). */
  groupFraction?: number;
  /** Fewest attempts in each language group (and seeing the item) for a DIF comparison. */
  difMinGroup?: number;
  /** Fewest attempts on a form for it to enter the forms comparison. */
  formMinSize?: number;
  /** Histogram bins on the 0–100 axis. */
  histogramBins?: number;
}

export interface TestStatistics {
  attempts: number;
  /** Sum of the slots' maximum marks. */
  maxMark: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  /** k3 / k2^(3/2), unbiased k-statistics; needs 3 attempts. */
  skewness: number | null;
  /** Excess kurtosis k4 / k2², unbiased k-statistics; needs 4 attempts. */
  kurtosis: number | null;
  /** Cronbach's α (KR-20 for right/wrong items), percent. */
  cic: number | null;
  /** Feldt's 95 % interval for `cic`, percent. */
  cicLower: number | null;
  cicUpper: number | null;
  /** 100·√(1 − cic/100), percent. */
  errorRatio: number | null;
  /** errorRatio/100 · sd, in marks. */
  standardError: number | null;
}

export interface SectionStatistics extends TestStatistics {
  section: number;
  slots: number;
}

export interface OptionStatistics {
  option: string;
  correct: boolean;
  count: number;
  /** Share of the item's attempts that chose it (0–1). */
  fraction: number;
  upper: number;
  lower: number;
  /** Correlation of choosing it with the rest score (−1…1); null when nobody or everybody chose it. */
  pointBiserial: number | null;
}

export const FLAG_CODES = [
  'too-easy',
  'too-hard',
  'low-discrimination',
  'negative-discrimination',
  'low-efficiency',
  'dif-c',
  'dead-distractor',
  'attracting-distractor',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface ItemFlag {
  code: FlagCode;
  /** The option concerned, for the distractor flags. */
  option?: string;
  /** The language pair, for DIF: `reference/focal`. */
  groups?: string;
}

export interface ItemStatistics {
  item: string;
  section: number;
  annulled: boolean;
  /** Attempts that had the item (Moodle's s). */
  attempts: number;
  facility: number | null;
  sd: number | null;
  randomGuessScore: number | null;
  intendedWeight: number;
  effectiveWeight: number | null;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  /** Facility in the upper and lower 27 % by total score (0–1). */
  upperFacility: number | null;
  lowerFacility: number | null;
  /** upperFacility − lowerFacility (−1…1). */
  upperLowerDiscrimination: number | null;
  /** Attempts that left it unanswered (for items with options). */
  omitted: number;
  options: OptionStatistics[];
  flags: ItemFlag[];
}

export type DifClass = 'A' | 'B' | 'C';

export interface DifResult {
  item: string;
  reference: string;
  focal: string;
  nReference: number;
  nFocal: number;
  /** The Mantel–Haenszel common odds ratio (reference vs focal). */
  alphaMH: number | null;
  /** ETS delta scale: −2.35 ln α_MH; negative means harder for the focal group. */
  dDif: number | null;
  se: number | null;
  /** MH χ² with continuity correction, and its p-value. */
  chiSquare: number | null;
  p: number | null;
  class: DifClass | null;
}

export interface PositionComparison {
  slot: number;
  section: number;
  variants: { item: string; attempts: number; facility: number }[];
  /** One-way ANOVA of the fraction of the maximum across variants. */
  f: number | null;
  df1: number;
  df2: number;
  p: number | null;
}

export interface FormsComparison {
  forms: { form: string; attempts: number; meanFacility: number }[];
  f: number | null;
  df1: number;
  df2: number;
  p: number | null;
}

export interface HistogramBin {
  /** Inclusive lower edge, percent. */
  from: number;
  /** Exclusive upper edge, percent (inclusive for the last bin). */
  to: number;
  count: number;
}

export interface ItemAnalysis {
  test: TestStatistics;
  sections: SectionStatistics[];
  items: ItemStatistics[];
  dif: DifResult[];
  positions: PositionComparison[];
  forms: FormsComparison | null;
  histogram: HistogramBin[];
}
