import { decodeHTMLStrict } from 'entities';

/**
 * The bank stores plain text; Moodle stores HTML. These functions convert between them so that
 * `htmlToText(textToHtml(x))` gives back `x` for every plain text, and a foreign Moodle question's HTML comes out as
 * the text a candidate would read, or is refused with the reason when it holds something plain text cannot carry.
 *
 * The bank's text model, and how each piece travels:
 * - line breaks are `\n` (HTML `<br>` and block ends);
 * - preformatted text (indentation, runs of spaces, tabs) is kept as written; the candidate view shows it with
 *   `white-space: pre-wrap`, and export writes such a text inside `<pre>`, the one HTML element that keeps it;
 * - subscripts and superscripts are the Unicode characters for them (`H₂O`, `x²`, `10⁻³`, `aᵢ`), which the demo
 *   bank already uses and every screen reader and font here knows; `<sub>`/`<sup>` whose content has no Unicode
 *   form (most capital letters, whole words) are refused with the reason, never flattened to `H2O`;
 * - every named HTML entity is decoded with the HTML5 table (the `entities` library), so `&rsquo;` is `’`.
 */

/** Plain text as HTML: markup characters escaped, line breaks as `<br>` (raw newlines are mere spaces in HTML). */
export function textToHtml(text: string): string {
  // A backslash or `$$` is written as a character reference so Moodle's TeX/MathJax filters never read a plain
  // text as a formula, and so the reader's formula check never refuses the bank's own export.
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '&#92;')
    .replace(/\$\$/g, () => '$&#36;');
  if (isPreformatted(text)) return `<pre>${escaped}</pre>`;
  return escaped.replace(/\n/g, '<br>');
}

/** Whitespace HTML would collapse: a line's indentation, a run of spaces, a tab. */
function isPreformatted(text: string): boolean {
  return /(^|\n)[ \t]|[ \t] |\t/.test(text);
}

export type HtmlReading = { ok: true; text: string } | { ok: false; message: string };

/**
 * HTML as plain text: `<br>` and block ends become line breaks, `<pre>` keeps its whitespace, sub/superscripts
 * become their Unicode characters, other tags are dropped (emphasis has no place in the bank), entities decoded.
 * Raw line breaks outside `<pre>` (source formatting) become single spaces.
 */
export function htmlToText(html: string): HtmlReading {
  const lost = htmlLosesContent(html);
  if (lost) return { ok: false, message: `The text contains ${lost}, which the question bank cannot store.` };
  const scripts = replaceScripts(html);
  if (!scripts.ok) return scripts;
  // Flowing text and preformatted blocks alternate; a block stands on lines of its own, one line break either side.
  const parts: string[] = [];
  let position = 0;
  const pre = /<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi;
  for (let match = pre.exec(scripts.text); match; match = pre.exec(scripts.text)) {
    parts.push(flowText(scripts.text.slice(position, match.index)).replace(/\n+$/, ''));
    // HTML drops one line break straight after <pre>.
    const body = (match[1] ?? '').replace(/\r\n?/g, '\n').replace(/^\n/, '');
    parts.push(decode(body.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')));
    position = pre.lastIndex;
  }
  const last = flowText(scripts.text.slice(position));
  parts.push(parts.length > 0 ? last.replace(/^\n+/, '') : last);
  return {
    ok: true,
    text: parts
      .filter((part) => part !== '')
      .join('\n')
      .trim(),
  };
}

/** Ordinary (non-preformatted) HTML as text. */
function flowText(html: string): string {
  const text = html
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decode(text);
}

function decode(text: string): string {
  return decodeHTMLStrict(text);
}

/**
 * What in the HTML plain text cannot carry, which importing would silently lose, named for the examiner; or
 * undefined. Checked on the raw HTML, before entities are decoded, so an escaped `&lt;img` is just text.
 */
export function htmlLosesContent(html: string): string | undefined {
  const file = /@@PLUGINFILE@@\/?([^"'<>\s]*)/i.exec(html);
  if (file) return `a file embedded in the Moodle question (@@PLUGINFILE@@/${fileName(file[1] ?? '')})`;
  const checks: [RegExp, string][] = [
    [/<img\b/i, 'an image'],
    [/<audio\b/i, 'audio'],
    [/<video\b/i, 'a video'],
    [/<(object|embed|iframe|canvas)\b/i, 'embedded content'],
    [/<svg\b/i, 'a drawing (SVG)'],
    [/<table\b/i, 'a table'],
    [/<math\b/i, 'a formula (MathML)'],
    [/\$\$|\\\(|\\\[/, 'a formula (TeX)'],
    [/<a\b[^>]*\bhref\s*=/i, 'a link'],
    [/<(script|style)\b/i, 'a script or style sheet'],
    [/<(input|select|textarea|button|form)\b/i, 'a form control'],
  ];
  return checks.find(([pattern]) => pattern.test(html))?.[1];
}

/** A file name as Moodle writes it in a link (percent-encoded), readable for the report. */
function fileName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

const SUPERSCRIPT: Record<string, string> = {
  ...digits('⁰¹²³⁴⁵⁶⁷⁸⁹'),
  '+': '⁺',
  '-': '⁻',
  '−': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  ...letters('abcdefghijklmnoprstuvwxyz', 'ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ'),
};

const SUBSCRIPT: Record<string, string> = {
  ...digits('₀₁₂₃₄₅₆₇₈₉'),
  '+': '₊',
  '-': '₋',
  '−': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  ...letters('aehijklmnoprstuvxə', 'ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓₔ'),
};

function digits(forms: string): Record<string, string> {
  return letters('0123456789', forms);
}

function letters(plain: string, forms: string): Record<string, string> {
  const formList = [...forms];
  return Object.fromEntries([...plain].map((char, index) => [char, formList[index] ?? char]));
}

/** `<sub>`/`<sup>` as Unicode characters, or the refusal naming the first that has no Unicode form. */
function replaceScripts(html: string): HtmlReading {
  let refusal: string | undefined;
  const text = html.replace(/<(sub|sup)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi, (whole, tag: string, inner: string) => {
    const plain = decode(inner.replace(/<[^>]*>/g, ''));
    const table = tag.toLowerCase() === 'sub' ? SUBSCRIPT : SUPERSCRIPT;
    const chars = [...plain];
    if (chars.every((char) => table[char] !== undefined)) return chars.map((char) => table[char]).join('');
    refusal ??=
      `The ${tag.toLowerCase() === 'sub' ? 'subscript' : 'superscript'} "${plain}" has no Unicode form, so the ` +
      'question bank cannot store it (digits, + − = ( ) and most lowercase letters have one).';
    return whole;
  });
  return refusal === undefined ? { ok: true, text } : { ok: false, message: refusal };
}
