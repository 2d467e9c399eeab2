import type { ItemAnalysis } from '../../core/item-statistics/index';
import type { Language, Localised } from '../../core/question';

/** What the examiners' page reads about each item besides its measures: where it was and what it asks. */
export interface ItemLabel {
  questionId: string | null;
  /** The stem in the sitting's language, shortened. */
  label: string;
  /** 1-based positions on the papers where it appeared. */
  positions: number[];
}

/** A sitting's item analysis as stored, with what the page needs to name the items and sections. */
export interface StoredAnalysis extends ItemAnalysis {
  language: Language | null;
  sectionTitles: Localised[];
  labels: Record<string, ItemLabel>;
}
