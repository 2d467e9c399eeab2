import type { Difficulty, Language, Localised } from './question';

/** What one section of a paper must contain, in order. */
export interface BlueprintSection {
  title: Localised;
  subject: string;
  /** Empty means any topic of the subject. */
  topics: string[];
  count: number;
  /**
   * How many items of each difficulty. Omitted difficulties count as 0; when the whole mix is
   * omitted, any difficulty will do.
   */
  difficultyMix?: Partial<Record<Difficulty, number>>;
  /** The fewest correct answers in this section that still allow a pass. */
  minCorrect: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

export interface ScoringRules {
  pointsPerItem: number;
  /** Points taken off per wrong answer; 0 means wrong answers cost nothing. */
  negativeMarking: number;
  /** An annulled item: everyone gets its points, or it leaves the maximum. */
  annulled: 'award-all' | 'remove';
}

export interface Blueprint {
  name: string;
  language: Language;
  durationMinutes: number;
  /** Total points needed to pass. */
  passMark: number;
  scoring: ScoringRules;
  sections: BlueprintSection[];
}
