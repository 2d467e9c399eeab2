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
  /**
   * The option label scheme the paper was drawn under (`optionLabels`), kept for the paper's life because
   * its candidate's browser may hold the labels; absent on papers drawn under scheme 1.
   */
  labels?: 2;
}
