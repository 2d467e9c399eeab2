/**
 * The thresholds behind each flag, published with the statistics so examiners can read why an item was
 * flagged. They follow Moodle's guidance for facility and discrimination (docs.moodle.org/en/Quiz_statistics_report),
 * the 15 % for efficiency, and ETS's C class for DIF.
 */
export const FLAG_THRESHOLDS = {
  /** Facility above this is too easy to tell candidates apart. */
  tooEasyAbove: 0.9,
  /** Facility below this (or below the random guess score) is too hard. */
  tooHardBelow: 0.2,
  /** Discrimination index (percent) below this is low; below 0 it is negative. */
  lowDiscriminationBelow: 20,
  /** Discriminative efficiency (percent) below this is low. */
  lowEfficiencyBelow: 15,
  /** A distractor nobody chose among at least this many attempts is dead. */
  deadDistractorMinAttempts: 20,
  /** A distractor whose point-biserial with the rest score exceeds this, and chosen more by the upper group than the lower, attracts strong candidates. */
  attractingPointBiserialAbove: 0.05,
  /** Fewest attempts on an item before any flag is raised: below this the measures are noise. */
  minAttempts: 10,
} as const;
