/**
 * Name search across scripts: folds a name written in Azerbaijani Latin ("Əliyev"), a Latin
 * transliteration ("Aliyev", "Aliev") or Cyrillic, Russian or Azerbaijani ("Алиев", "Әлијев"), in any
 * case and with or without diacritics, into the same search tokens. A name and a query are folded
 * alike; a query token matches a name token it is a prefix of.
 *
 * The fold is a phonetic skeleton, not a transliteration: it merges what the scripts and the usual
 * transliterations write differently for the same Azerbaijani sound, and accepts some false
 * positives in exchange (a search finds a few names too many rather than missing the right one).
 *
 * - Case and diacritics go (NFKD, marks dropped; dotted İ and dotless ı are both i).
 * - ə, a, e, ä, э, е, ә fold to one vowel: ə is written a in passports ("Aliyev"), е in Russian
 *   ("Мамедов"), e elsewhere. Likewise ı, i, ы, и; ö, o, ө; ü, u, ү, у.
 * - q, g, k, ğ, h, x, kh, г, к, х, һ, ғ, ҝ fold to one consonant: Azerbaijani q is Russian к
 *   ("Quliyev" = "Кулиев") and Latin g ("Guliyev"); h is Russian г ("Həsənov" = "Гасанов"); x is
 *   х and kh ("Xəlilov" = "Халилов" = "Khalilov").
 * - c, ç, j, ch, zh, дж, ч, ж, ҹ are one: Azerbaijani c is Russian дж and English j ("Cəfərov" =
 *   "Джафаров" = "Jafarov"), without its cedilla ç is written c ("Cingiz" for "Çingiz"), and
 *   Azerbaijani j is Russian ж and English zh, while English j is Azerbaijani c. Likewise ş, sh, ш,
 *   щ and s are one; w is v.
 * - y goes, with й and ј and the glide of ё, ю, я: "Aliyev" = "Aliev" = "Алиев", "Yusif" = "Юсиф",
 *   "Hüseyn" = "Гусейн". Dropping it everywhere (not only before a vowel) keeps a query typed halfway,
 *   "Aliy", a prefix of the name it is heading for.
 * - A letter doubled folds to one: "Məmmədov" = "Mamedov" = "Мамедов".
 * - ь, ъ and apostrophes vanish; any other character separates tokens. Digits stay.
 *
 * The feminine forms are different names: "Алиева" folds to the tokens of "Əliyeva", not of
 * "Əliyev". But because a query token matches as a prefix, the query "Aliyev" finds both Aliyev and
 * Aliyeva, and the query "Алиева" finds only Aliyeva.
 *
 * Tokens use only a–z and 0–9, so they can be given to PostgreSQL's `to_tsvector('simple', …)` and
 * `to_tsquery('simple', …)` as they are.
 */

/** Latin digraphs of the usual transliterations, read before single letters. Longest first. */
const LATIN_DIGRAPHS: [string, string][] = [
  ['shch', 's'],
  ['tch', 'c'],
  ['dzh', 'c'],
  ['sch', 's'],
  ['kh', 'K'],
  ['gh', 'K'],
  ['ch', 'c'],
  ['sh', 's'],
  ['zh', 'c'],
  ['dj', 'c'],
];

/** Letters to skeleton symbols; K is the merged velar/glottal consonant, lower-cased at the end. */
const LETTERS: Record<string, string> = {
  // Azerbaijani Latin and other Latin letters with their own sound.
  ə: 'a',
  ä: 'a',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  ğ: 'K',
  ş: 's',
  ç: 'c',
  q: 'K',
  g: 'K',
  k: 'K',
  h: 'K',
  x: 'K',
  c: 'c',
  j: 'c',
  y: '',
  w: 'v',
  e: 'a',
  // Russian Cyrillic.
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'K',
  д: 'd',
  е: 'a',
  ё: 'o',
  ж: 'c',
  з: 'z',
  и: 'i',
  й: '',
  к: 'K',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'K',
  ц: 'ts',
  ч: 'c',
  ш: 's',
  щ: 's',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'a',
  ю: 'u',
  я: 'a',
  // Azerbaijani (and other) Cyrillic.
  ә: 'a',
  ғ: 'K',
  ҝ: 'K',
  һ: 'K',
  ө: 'o',
  ү: 'u',
  ҹ: 'c',
  ј: '',
  і: 'i',
  ї: 'i',
  є: 'a',
  ў: 'u',
  қ: 'K',
  ң: 'n',
  ұ: 'u',
};

/** Characters dropped inside a word rather than splitting it. */
const SILENT = /['’ʼ`ʻ]/g;

/**
 * Lower-cases and removes diacritics, keeping the letters whose diacritic is a letter of its own in
 * Azerbaijani or Cyrillic (ə ı ö ü ğ ş ç, й ё ў …): NFKD would strip those to a different letter.
 */
function lowerWithoutMarks(text: string): string {
  let out = '';
  for (const ch of text.replace(/İ/g, 'i').replace(/I/g, 'i').toLowerCase()) {
    if (ch in LETTERS) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    // Composed letters that NFKD keeps as a letter plus mark, e.g. й = и + ˘, are in LETTERS above.
    out += base;
  }
  return out;
}

/** One word (already lower-case, without marks) to its skeleton token. */
function foldWord(word: string): string {
  let symbols = '';
  for (let i = 0; i < word.length;) {
    const digraph = LATIN_DIGRAPHS.find(([latin]) => word.startsWith(latin, i));
    if (digraph) {
      symbols += digraph[1];
      i += digraph[0].length;
      continue;
    }
    // Russian дж is one sound, Azerbaijani c.
    if (word.startsWith('дж', i)) {
      symbols += 'c';
      i += 2;
      continue;
    }
    const ch = word[i]!;
    const mapped = LETTERS[ch];
    if (mapped !== undefined) symbols += mapped;
    else if (/[a-z0-9]/.test(ch)) symbols += ch;
    // Any other letter (Greek, Arabic …) has no fold: it is left out of the token.
    i += 1;
  }
  // Doubled letters fold to one.
  let token = '';
  for (const ch of symbols) if (token.at(-1) !== ch) token += ch;
  return token.toLowerCase();
}

/** The search tokens of a text: each word folded, empty ones dropped, in order, repeats kept once. */
export function searchTokens(text: string): string[] {
  const words = lowerWithoutMarks(text.normalize('NFC'))
    .replace(SILENT, '')
    .split(/[^\p{L}\p{N}]+/u);
  const tokens: string[] = [];
  for (const word of words) {
    if (!word) continue;
    const token = foldWord(word);
    if (token && !tokens.includes(token)) tokens.push(token);
  }
  return tokens;
}

/** The text stored for a row's search vector: the tokens of each of its names, space-separated. */
export function searchDocument(...texts: string[]): string {
  const tokens: string[] = [];
  for (const text of texts) for (const token of searchTokens(text)) if (!tokens.includes(token)) tokens.push(token);
  return tokens.join(' ');
}

/** At most this many query tokens are used; a longer query is cut, not refused. */
export const MAX_QUERY_TOKENS = 8;

/**
 * A PostgreSQL `tsquery` in the 'simple' configuration matching rows whose document has, for every
 * query token, a token it is a prefix of; null when the query has no token (match everything).
 */
export function searchQuery(query: string): string | null {
  const tokens = searchTokens(query).slice(0, MAX_QUERY_TOKENS);
  return tokens.length ? tokens.map((t) => `${t}:*`).join(' & ') : null;
}

/** The same match as `searchQuery`, in memory: every query token is a prefix of some name token. */
export function nameMatches(name: string, query: string): boolean {
  const names = searchTokens(name);
  return searchTokens(query)
    .slice(0, MAX_QUERY_TOKENS)
    .every((q) => names.some((n) => n.startsWith(q)));
}
