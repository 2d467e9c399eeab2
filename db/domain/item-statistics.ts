/**
 * What the item and test statistics of a sitting are, as stored and served; the definitions of each
 * measure are in server/core/item-statistics.
 */

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
