import { cleanText } from './localised';
import { htmlToText } from './html-text';

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
  // A leading `[html]`-like word would be read as a format marker and a leading `//` as a comment, so such a
  // text is explicitly marked as plain; the marker is removed again on reading.
  return /^(\[|\/\/)/.test(text) ? `[plain]${out}` : out;
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

/** A GIFT text as the bank stores it: format marker removed, escapes undone, HTML turned into text, trimmed. */
export function readGiftText(raw: string): string {
  const marker = FORMAT_MARKER.exec(raw);
  const text = unescapeGift(marker ? raw.slice(marker[0].length) : raw);
  return cleanText(marker?.[1] === 'html' ? htmlToText(text) : text);
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
