import type { Language, Localised } from '../question';
import { cleanText } from './localised';
import { hasMultilang, decodeMultilang } from './multilang';

/*
 * GIFT's character rules (https://docs.moodle.org/en/GIFT_format). `~ = # { } :` are syntax and are written
 * with a backslash; a backslash itself is `\\`, and a line break inside a text is `\n`, which keeps every
 * question free of blank lines (a blank line ends a GIFT question). A text may start with a format marker such
 * as `[html]`.
 */

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':']);
const FORMAT_MARKER = /^\s*\[(html|plain|moodle|markdown)\]/;

/** A plain text with GIFT's special characters escaped (for titles, which take no format marker). */
export function escapeGift(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (SPECIAL.has(char)) out += `\\${char}`;
    else out += char;
  }
  return out;
}

/** A plain text as it must appear as a GIFT question, answer or feedback text. */
export function writeGiftText(text: string): string {
  const out = escapeGift(text);
  // A leading `[html]`-like word would be read as a format marker and a leading `//` as a comment; and Moodle's
  // default GIFT format is HTML-ish, where `<` and `&` start markup. Such a text is explicitly marked as plain,
  // which is also how Moodle then shows it; the marker is removed again on reading.
  return /^(\[|\/\/)|[<&]/.test(text) ? `[plain]${out}` : out;
}

/** The text a GIFT escape sequence stands for. Unknown escapes are kept as written, as Moodle does. */
export function unescapeGift(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    const next = raw[i + 1];
    if (char === '\\' && next !== undefined && (next === '\\' || next === 'n' || SPECIAL.has(next))) {
      out += next === 'n' ? '\n' : next;
      i++;
    } else {
      out += char;
    }
  }
  return out;
}

/** The formats a GIFT text may declare with a leading marker; `moodle` is the default. */
export type GiftFormat = 'html' | 'plain' | 'moodle' | 'markdown';

/** The format a GIFT text declares, if any: the question's applies to its answers and feedback that declare none. */
export function giftFormat(raw: string): GiftFormat | undefined {
  return FORMAT_MARKER.exec(raw)?.[1] as GiftFormat | undefined;
}

export type GiftTextReading = { ok: true; text: Localised } | { ok: false; message: string };

/**
 * A GIFT text as the bank stores it, per language: format marker removed, escapes undone, trimmed. HTML (and
 * Moodle's own format when it holds markup or entities) is read as Moodle shows it, multilang spans split into
 * their languages; text in no marked language is in `language`. Plain text stays as written.
 */
export function readGiftText(raw: string, defaultFormat: GiftFormat, language: Language): GiftTextReading {
  const marker = FORMAT_MARKER.exec(raw);
  const format = (marker?.[1] as GiftFormat | undefined) ?? defaultFormat;
  const text = unescapeGift(marker ? raw.slice(marker[0].length) : raw);
  // A hand-written Moodle-format text is usually plain (`a < b`); it is read as HTML only when it has markup.
  const html = format === 'html' || (format === 'moodle' && looksLikeHtml(text));
  if (!html) {
    const value = cleanText(text);
    return { ok: true, text: value === '' ? {} : { [language]: value } };
  }
  // In Moodle's own format a line break in the source is a line break on the page.
  const source = format === 'moodle' ? text.replace(/\r\n?|\n/g, '<br>') : text;
  const decoded = decodeMultilang(source, language);
  if (!decoded.ok) return decoded;
  const clean: Localised = {};
  for (const [key, value] of Object.entries(decoded.text) as [Language, string][]) {
    const cleaned = cleanText(value);
    if (cleaned !== '') clean[key] = cleaned;
  }
  return { ok: true, text: clean };
}

function looksLikeHtml(text: string): boolean {
  return hasMultilang(text) || /<\/?[a-z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text);
}

/** Where `token` next occurs outside an escape sequence, or -1. */
export function findUnescaped(raw: string, token: string, from = 0): number {
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw.startsWith(token, i)) return i;
  }
  return -1;
}

/** Splits `raw` at every unescaped occurrence of any of the single-character `separators`, keeping which. */
export function splitUnescaped(raw: string, separators: string): { separator?: string; part: string }[] {
  const parts: { separator?: string; part: string }[] = [{ part: '' }];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] ?? '';
    const last = parts[parts.length - 1] ?? { part: '' };
    if (char === '\\') {
      last.part += raw.slice(i, i + 2);
      i++;
    } else if (separators.includes(char)) {
      parts.push({ separator: char, part: '' });
    } else {
      last.part += char;
    }
  }
  return parts;
}
