/** A frozen paper: the question versions drawn for one attempt and the order of their options. */

export interface PaperItem {
  questionId: string;
  versionId: string;
  /** Index of the section in the blueprint, from 0. */
  section: number;
  /** option ids in the order shown */
  optionOrder: string[];
}

export interface Paper {
  seed: string;
  sections: { index: number; items: PaperItem[] }[];
}
