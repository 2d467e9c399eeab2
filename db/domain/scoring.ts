/** What scoring reads from a candidate (an answer) and what it returns (a result), as stored. */

/** A candidate's answer to one item: chosen option ids (any order), or typed text. */
export type Answer = { kind: 'choice'; optionIds: string[] } | { kind: 'text'; text: string };

export interface ItemResult {
  versionId: string;
  section: number;
  /** `annulled` whatever the mode; `points` and `maxPoints` tell award-all (full, full) from remove (0, 0). */
  /** `pending`: an essay awaiting its markers (0 of 0 here; the written marks are reported apart). */
  outcome: 'correct' | 'partial' | 'wrong' | 'unanswered' | 'annulled' | 'pending';
  /** −negativeMarking for a wrong answer; between 0 and pointsPerItem otherwise. */
  points: number;
  maxPoints: number;
}

export interface SectionResult {
  /** The blueprint section's index, from 0. */
  index: number;
  /**
   * Items counted correct toward the section minimum: answered correctly, plus those annulled with
   * award-all (everyone is credited with them). So an award-all item is in both `correct` and
   * `annulled`, and the five counts may add up to more than the section's items by that many.
   */
  correct: number;
  /** Items earning part of their points (multiple choice with partial credit); not counted as correct. */
  partial: number;
  wrong: number;
  unanswered: number;
  /** Annulled items of either mode. */
  annulled: number;
  /** May be negative under negative marking: the section is reported as it was answered. */
  points: number;
  maxPoints: number;
  /**
   * The minimum applied: the blueprint's, lowered to the number of items left in the section when
   * removed annulments leave fewer than that, so that a faulty item can never make passing impossible.
   * Otherwise it is kept: removing one of 11 items does not lower a minimum of 5.
   */
  minCorrect: number;
  metMinimum: boolean;
}

export type FailReason =
  | { code: 'section-minimum'; section: number; correct: number; minCorrect: number }
  | { code: 'pass-mark'; points: number; passMark: number };

export interface ScoringResult {
  scoringVersion: number;
  /** Hex SHA-256 of the canonical inputs and the scoring version; see input-digest.ts. */
  inputDigest: string;
  /** In paper order. */
  items: ItemResult[];
  /** One per blueprint section, in blueprint order. */
  sections: SectionResult[];
  /** The sum of the sections, but never below 0. */
  points: number;
  maxPoints: number;
  passed: boolean;
  /** Empty when passed: each section below its minimum (in section order), then the pass mark if missed. */
  failReasons: FailReason[];
}
