/**
 * A paper as its candidate sees it, shared by the exam room and the review in the appeal window, so
 * both show the same labels (DESIGN.md rule 11): texts in the exam language, options in the paper's
 * shuffled order under labels derived from the paper's seed, never the authored ids.
 */
import type { Paper, PaperItem } from '../../core/paper/index';
import { optionLabels, type LabelScheme, type OptionLabels } from '../../core/paper/index';
import type { Language, QuestionContent } from '../../core/question';
import type { Answer } from '../../core/scoring/index';
import { candidateView } from '../questions/candidate-view';

export interface ShownItem {
  type: QuestionContent['type'];
  text: string;
  /** In the paper's order, each under its label. */
  options: { id: string; text: string }[];
  labels: OptionLabels;
}

/** What a paper's labels derive from: its seed and the label scheme it was drawn under. */
export interface LabelKey {
  seed: string;
  scheme: LabelScheme;
}

/** The label key of an attempt's paper: a paper drawn before scheme 2 keeps scheme 1. */
export function labelKeyOf(attempt: { seed: string; paper: Pick<Paper, 'labels'> }): LabelKey {
  return { seed: attempt.seed, scheme: attempt.paper.labels ?? 1 };
}

export function labelsOf(key: LabelKey, versionId: string, content: Pick<QuestionContent, 'options'>): OptionLabels {
  return optionLabels(
    key.seed,
    versionId,
    content.options.map((o) => o.id),
    key.scheme,
  );
}

/** A version's stem and option texts in one language, as a candidate sees them. */
interface ShownTexts {
  type: QuestionContent['type'];
  text: string;
  options: Map<string, string>;
}

/**
 * Each version's texts per language, kept beside its content object: a stored version never changes (the
 * database refuses it) and the cache of versions hands out one object per version, so what is kept here can
 * never be stale, and it goes when that object does. Every paper view of a sitting shows the same versions.
 */
const shownTexts = new WeakMap<QuestionContent, Map<Language, ShownTexts>>();

function textsOf(content: QuestionContent, language: Language): ShownTexts {
  let byLanguage = shownTexts.get(content);
  if (!byLanguage) shownTexts.set(content, (byLanguage = new Map()));
  let texts = byLanguage.get(language);
  if (!texts) {
    const shown = candidateView(content, language);
    texts = { type: shown.type, text: shown.text, options: new Map(shown.options.map((o) => [o.id, o.text])) };
    byLanguage.set(language, texts);
  }
  return texts;
}

export function shownItem(key: LabelKey, item: PaperItem, content: QuestionContent, language: Language): ShownItem {
  const shown = textsOf(content, language);
  const labels = labelsOf(key, item.versionId, content);
  return {
    type: shown.type,
    text: shown.text,
    options: item.optionOrder.map((id) => ({ id: labels.shown(id), text: shown.options.get(id)! })),
    labels,
  };
}

/**
 * A paper's sections as its candidate sees them: each with its title, and its items numbered through the whole
 * paper with their texts and options under the paper's labels. `more` adds what a view shows beside an item (the
 * exam room its expected length, the review the answer, the key in force and the outcome).
 */
export function shownSections<Title, More extends object>(
  paper: Pick<Paper, 'sections'>,
  blueprint: { sections: readonly { title: Title }[] },
  key: LabelKey,
  contents: ReadonlyMap<string, QuestionContent>,
  language: Language,
  more: (item: PaperItem, shown: ShownItem, content: QuestionContent) => More,
) {
  let number = 0;
  return paper.sections.map((section) => ({
    index: section.index,
    title: blueprint.sections[section.index]!.title,
    items: section.items.map((item) => {
      const content = contents.get(item.versionId)!;
      const shown = shownItem(key, item, content, language);
      return {
        versionId: item.versionId,
        number: ++number,
        section: section.index,
        type: shown.type,
        text: shown.text,
        options: shown.options,
        ...more(item, shown, content),
      };
    }),
  }));
}

/**
 * A stored answer (authored ids) under the labels its candidate saw. An id the item does not have (an
 * answer saved before answers were checked at the door) has no label and is left out, not guessed at.
 */
export function answerAsShown(answer: Answer | null, labels: OptionLabels): Answer | null {
  if (answer?.kind !== 'choice') return answer;
  return { kind: 'choice', optionIds: answer.optionIds.filter((id) => labels.has(id)).map((id) => labels.shown(id)) };
}
