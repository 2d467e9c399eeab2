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

export {
  FLAG_CODES,
  type DifClass,
  type DifResult,
  type FlagCode,
  type FormsComparison,
  type HistogramBin,
  type ItemAnalysis,
  type ItemFlag,
  type ItemStatistics,
  type OptionStatistics,
  type PositionComparison,
  type SectionStatistics,
  type TestStatistics,
} from '../../../db/domain/item-statistics';
