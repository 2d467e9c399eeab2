/**
 * Comparing a candidate's short open answer with the accepted ones (issue 4: "matched exactly or after
 * normalisation of case, spaces, Azerbaijani and Cyrillic letters").
 *
 * Every rule below erases a difference the candidate either cannot see on screen or did not choose
 * (a keyboard layout, an optional letter, a habit of ending with a full stop). None of them merges two
 * spellings that mean different things: that is why 'e' is not accepted for 'ə', nor 's' for 'ş', nor
 * 'i' for 'ı'. Changing any rule changes who is marked correct, so it needs a new SCORING_VERSION.
 */
import type { Language, Localised, ShortMatch } from '../question';

/**
 * Characters with no visible form that arrive by copy and paste from word processors and web pages:
 * soft hyphen, zero-width space / non-joiner / joiner, word joiner and the byte-order mark. None of them
 * is part of any az, ru or en spelling, and a candidate cannot see that they typed one.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** Locales for case folding: 'az' lowercases I to ı and İ to i, which the root locale gets wrong. */
const CASE_LOCALE: Readonly<Record<Language, string>> = { az: 'az', ru: 'ru', en: 'en' };

/** The script a language's answers are written in; look-alikes in mixed words are pulled toward it. */
const SCRIPT: Readonly<Record<Language, 'latin' | 'cyrillic'>> = { az: 'latin', ru: 'cyrillic', en: 'latin' };

/**
 * Cyrillic letters that look the same as a Latin one in ordinary fonts, and the reverse for Russian.
 * Whenever a small letter is a look-alike its capital is listed too, so lowercasing after the mapping
 * can never turn a letter that was left alone into one that would have been mapped (which would break
 * idempotence); capitals whose small letters differ (В/в and B/b) are listed alone.
 */
const CYRILLIC_TO_LATIN = lookAlikes('АаЕеОоРрСсУуХхІіЈјҺһЅѕВКМНТ', 'AaEeOoPpCcYyXxIiJjHhSsBKMHT');
const LATIN_TO_CYRILLIC = lookAlikes('AaEeOoPpCcYyXxBHKMT', 'АаЕеОоРрСсУуХхВНКМТ');

function lookAlikes(from: string, to: string): ReadonlyMap<string, string> {
  const target = [...to];
  return new Map([...from].map((c, i) => [c, target[i]!]));
}

/**
 * Stand-ins for the Azerbaijani schwa (Ə ə, U+018F/U+0259), the one Azerbaijani letter most keyboards
 * lack:
 * - Cyrillic Ә ә (U+04D8/U+04D9), on Kazakh and Azerbaijani Cyrillic layouts;
 * - Latin Ǝ ǝ (U+018E/U+01DD), the look-alike "turned e", easily picked instead of ə from a character map;
 * - Ä ä, the 1991–92 Azerbaijani Latin letter for this sound, and on German layouts.
 * Azerbaijani has no other use for any of them, so accepting them cannot confuse two words. Plain 'e'
 * for 'ə' is NOT accepted: they are different letters (əl 'hand', el 'people'), so an examiner who
 * wants to accept such a spelling lists it as an accepted answer.
 */
const CYRILLIC_SCHWA = /[\u04D8\u04D9]/gu;
const OTHER_SCHWA = /[\u018E\u01DD\u00C4\u00E4]/gu;

/** A run of letters with their combining marks: a word, for deciding which script it is in. */
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The canonical form of a short answer in `language`, for comparing with accepted answers.
 *
 * In order, each step with its reason:
 * 1. Invisible characters go (see INVISIBLE); then Unicode NFC, so that "é" typed as e + ◌́ equals the
 *    precomposed é: the two are the same text and render identically.
 * 2. az: the schwa stand-ins Ә ә / Ǝ ǝ / Ä ä become Ə ə (see CYRILLIC_SCHWA).
 * 3. In a word that mixes Latin and Cyrillic letters, the look-alike letters of the other script are
 *    replaced by the language's own (Latin for az and en, Cyrillic for ru). Switching keyboard layout
 *    mid-word produces such words, and they look exactly like the intended one. A word written wholly
 *    in the other script is left alone: "HTML" in a Russian answer is meant to be Latin.
 * 4. Case folding with the language's locale. Azerbaijani has dotted İ i and dotless I ı as separate
 *    letters, so in az 'İ' → 'i' and 'I' → 'ı' ("BAKI" is "bakı", not "baki").
 * 5. A combining dot above on 'i' is dropped: it is what lowercasing 'İ' outside az leaves behind
 *    (i + U+0307), and it looks like a plain i.
 * 6. ru: 'ё' counts as 'е'. Russian writes ё optionally (most printed text uses е), so the candidate may
 *    reasonably type either.
 * 7. Whitespace of any kind (tabs, line breaks, non-breaking and other Unicode spaces) is trimmed and
 *    each run collapsed to one space: spacing is invisible or accidental in a one-line answer.
 * 8. Trailing full stops are removed (with any spaces before them): ending an answer as a sentence does
 *    not change it. All of them go, so that the function is idempotent.
 *
 * Idempotent: `normaliseShortAnswer(normaliseShortAnswer(t, l), l) === normaliseShortAnswer(t, l)`.
 */
export function normaliseShortAnswer(text: string, language: Language): string {
  let out = text.replace(INVISIBLE, '').normalize('NFC');
  // Cyrillic ә becomes Latin before step 3, so that it counts as the Latin letter it stands for.
  if (language === 'az') out = out.replace(CYRILLIC_SCHWA, schwa);
  out = unmixScripts(out.normalize('NFD'), SCRIPT[language]).normalize('NFC');
  // The others after step 3, which can turn Cyrillic ӓ in a Latin word into ä.
  if (language === 'az') out = out.replace(OTHER_SCHWA, schwa);
  out = out.toLocaleLowerCase(CASE_LOCALE[language]).normalize('NFD');
  // A mark belongs to the nearest preceding letter, with other marks possibly in between.
  out = out.replace(/(?<=i\p{M}*)\u0307/gu, '');
  if (language === 'ru') out = out.replace(/(?<=е\p{M}*)\u0308/gu, '');
  out = out.normalize('NFC').replace(/\s+/gu, ' ');
  // A loop rather than /[ .]+$/, which backtracks quadratically on a long run of dots mid-text.
  let end = out.length;
  while (end > 0 && (out[end - 1] === '.' || out[end - 1] === ' ')) end--;
  return out.slice(out.startsWith(' ') ? 1 : 0, end);
}

/** Ə for a capital stand-in, ə for a small one. */
function schwa(c: string): string {
  return c === '\u04D8' || c === '\u018E' || c === '\u00C4' ? 'Ə' : 'ə';
}

/** Replaces other-script look-alikes in words that mix Latin and Cyrillic (step 3). */
function unmixScripts(text: string, script: 'latin' | 'cyrillic'): string {
  const foreign = script === 'latin' ? CYRILLIC_TO_LATIN : LATIN_TO_CYRILLIC;
  return text.replace(WORD, (word) => {
    if (!(/\p{Script=Latin}/u.test(word) && /\p{Script=Cyrillic}/u.test(word))) return word;
    let mapped = '';
    for (const c of word) mapped += foreign.get(c) ?? c;
    return mapped;
  });
}

/**
 * Whether a typed answer is empty: nothing but whitespace and invisible characters. Such an answer is
 * "unanswered", exactly like a missing one, so it never attracts negative marking.
 */
export function isBlankText(text: string): boolean {
  return /^\s*$/u.test(text.replace(INVISIBLE, ''));
}

/**
 * Whether `given` matches one of the accepted answers in `language`.
 *
 * Only each accepted answer's text in the exam language is used: the candidate sat the exam in that
 * language, and accepting another language's wording would credit an answer the key's author never
 * considered for this paper. An answer that should be accepted in several forms (a number, "HTML",
 * an alternative spelling) is listed once per form.
 *
 * - `exact`: equal after NFC and trimming the ends. Neither changes what the candidate sees, so this is
 *   still "character for character" as far as anyone can tell; case, inner spacing and letters count.
 * - `normalised`: equal after {@link normaliseShortAnswer}.
 *
 * A blank answer never matches, even against a blank accepted entry.
 */
export function matchesShortAnswer(
  given: string,
  accepted: readonly Localised[],
  match: ShortMatch,
  language: Language,
): boolean {
  const canonical = match === 'exact' ? exactForm : (t: string) => normaliseShortAnswer(t, language);
  const answer = canonical(given);
  if (answer === '' || isBlankText(given)) return false;
  return accepted.some((entry) => {
    const text = entry[language];
    return text !== undefined && canonical(text) === answer;
  });
}

function exactForm(text: string): string {
  return text.normalize('NFC').trim();
}
