/**
 * The bank stores plain text; Moodle stores HTML. These two functions convert between them so that
 * `htmlToText(textToHtml(x)) === x` for every plain text, and a foreign Moodle question's HTML comes out as the
 * text a candidate would read.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  laquo: '\u00ab',
  raquo: '\u00bb',
  hellip: '\u2026',
};

/** Plain text as HTML: markup characters escaped, line breaks as `<br>` (raw newlines are mere spaces in HTML). */
export function textToHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
}

/**
 * HTML as plain text: `<br>` and paragraph ends become line breaks, other tags are dropped, entities decoded.
 * Raw line breaks in the HTML (source formatting, never written by {@link textToHtml}) become single spaces.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).trim();
}

/** Whether the HTML holds something plain text cannot carry, which importing would silently lose. */
export function htmlLosesContent(html: string): string | undefined {
  if (/<img\b/i.test(html)) return 'an image';
  if (/<(audio|video|object|embed|iframe)\b/i.test(html)) return 'embedded media';
  if (/<(table)\b/i.test(html)) return 'a table';
  return undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
