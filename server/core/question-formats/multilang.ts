import type { Language, Localised } from '../question';
import { htmlToText, textToHtml } from './html-text';
import { isLanguage, languagesOf } from './localised';

/**
 * Moodle's multi-language content filter: one `<span lang="xx" class="multilang">` per language, of which Moodle
 * shows the one matching the reader's language. Writing texts this way lets Moodle itself present an imtahan
 * question in az, ru or en, and lets the bank read all three languages back.
 */
export function encodeMultilang(text: Localised): string {
  return languagesOf(text)
    .map((language) => `<span lang="${language}" class="multilang">${textToHtml(text[language] ?? '')}</span>`)
    .join('');
}

export type MultilangDecoding = { ok: true; text: Localised } | { ok: false; message: string };

/**
 * Reads a Moodle HTML text back into one text per language. Both of Moodle's multilang syntaxes are read: the
 * multilang filter's `<span lang="xx" class="multilang">` and the older `<lang lang="xx">`. HTML without either
 * is a single-language Moodle question, taken as `unmarked` (the importer's choice; Azerbaijani by default).
 */
export function decodeMultilang(html: string, unmarked: Language = 'az'): MultilangDecoding {
  const text: Localised = {};
  let outside = '';
  let position = 0;
  let found = false;
  const opening = /<(span|lang)\b([^>]*)>/gi;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const element = (match[1] ?? '').toLowerCase();
    const attributes = match[2] ?? '';
    if (element === 'span' && !/\bclass\s*=\s*["'][^"']*\bmultilang\b/i.test(attributes)) continue;
    const code = /\blang\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1];
    if (!code) return { ok: false, message: 'A multilang span has no lang attribute.' };
    const end = closingTag(html, element, opening.lastIndex);
    if (end === undefined) return { ok: false, message: `The ${code} multilang ${element} is not closed.` };
    const language = moodleLanguage(code);
    if (!language) return { ok: false, message: `"${code}" is not an exam language (az, ru, en).` };
    if (text[language] !== undefined) return { ok: false, message: `The text is given twice in ${language}.` };
    const value = htmlToText(html.slice(opening.lastIndex, end.start));
    if (!value.ok) return value;
    if (value.text !== '') text[language] = value.text;
    outside += html.slice(position, match.index);
    position = end.end;
    opening.lastIndex = end.end;
    found = true;
  }
  if (!found) {
    const value = htmlToText(html);
    if (!value.ok) return value;
    return { ok: true, text: value.text === '' ? {} : { [unmarked]: value.text } };
  }
  outside += html.slice(position);
  // Text outside every span would be shown in all languages by Moodle; the bank has nowhere to put it.
  const rest = htmlToText(outside);
  if (!rest.ok) return rest;
  if (rest.text !== '') {
    return { ok: false, message: 'Part of the text is outside the multilang spans, so its language is unknown.' };
  }
  return { ok: true, text };
}

/** Whether a text uses either of Moodle's multilang syntaxes. */
export function hasMultilang(html: string): boolean {
  return /<span\b[^>]*\bclass\s*=\s*["'][^"']*\bmultilang\b|<lang\b[^>]*\blang\s*=/i.test(html);
}

/** Moodle language packs are named like `en`, `en_us` or `ru_old`; the part before `_` is the language. */
function moodleLanguage(code: string): Language | undefined {
  const base = code.toLowerCase().split(/[_-]/)[0] ?? '';
  return isLanguage(base) ? base : undefined;
}

/** The closing tag of the element whose content starts at `from`, skipping the same elements nested inside it. */
function closingTag(html: string, element: string, from: number): { start: number; end: number } | undefined {
  const tag = new RegExp(`<(\\/?)${element}\\b[^>]*>`, 'gi');
  tag.lastIndex = from;
  let depth = 1;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return { start: match.index, end: tag.lastIndex };
  }
  return undefined;
}
