import type { Language, Localised, QuestionContent } from '../../core/question';

/** The candidate's view of a question: the stem and options in one language, and nothing secret. */
export interface CandidateView {
  type: QuestionContent['type'];
  language: Language;
  text: string;
  options: { id: string; text: string }[];
}

/** The candidate's view in one language, falling back to any language the question has. */
export function candidateView(content: QuestionContent, language: Language): CandidateView {
  const pick = (text: Localised) => text[language] ?? text.az ?? text.ru ?? text.en ?? '';
  return {
    type: content.type,
    language,
    text: pick(content.text),
    options: content.options.map((o) => ({ id: o.id, text: pick(o.text) })),
  };
}
