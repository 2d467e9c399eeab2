import type { Localised, QuestionDraft } from '../question';
import { cleanText } from './localised';

function cleanLocalised(text: Localised): Localised {
  const out: Localised = {};
  for (const [language, value] of Object.entries(text) as [keyof Localised, string][]) {
    const cleaned = cleanText(value);
    // An emptied field means "not written in this language", the same as leaving it out.
    if (cleaned) out[language] = cleaned;
  }
  return out;
}

/**
 * A draft as typed in the editor, cleaned the way every import reader cleans a file: browsers send
 * `\r\n` from text areas and people leave stray spaces, neither of which the bank stores.
 */
export function cleanDraft(draft: QuestionDraft): QuestionDraft {
  const key =
    draft.key.type === 'short' ? { ...draft.key, accepted: draft.key.accepted.map(cleanLocalised) } : draft.key;
  return {
    ...draft,
    ...(draft.externalId !== undefined ? { externalId: draft.externalId.trim() } : {}),
    ...(draft.source !== undefined ? { source: cleanText(draft.source) } : {}),
    content: {
      ...draft.content,
      text: cleanLocalised(draft.content.text),
      options: draft.content.options.map((o) => ({ ...o, text: cleanLocalised(o.text) })),
    },
    key,
    explanation: cleanLocalised(draft.explanation),
    tags: draft.tags.map((tag) => tag.trim()),
  };
}
