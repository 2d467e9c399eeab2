import { LANGUAGES, type Language, type Localised } from '../question';

/** The languages a text is given in, always in the bank's order (az, ru, en) so encodings are deterministic. */
export function languagesOf(text: Localised): Language[] {
  return LANGUAGES.filter((language) => typeof text[language] === 'string');
}

/** Whether a string names one of the exam languages. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The same text with a language dropped; used to split a text into what a format's body carries and what its
 * side channel (GIFT's metadata comment) carries.
 */
export function without(text: Localised, language: Language): Localised {
  const rest: Localised = {};
  for (const other of languagesOf(text)) if (other !== language) rest[other] = text[other];
  return rest;
}

/** Line breaks as the bank stores them: `\n` only, whatever the file's platform used. */
export function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** How every reader cleans a text cell before it reaches the rules: unified line breaks, no surrounding blanks. */
export function cleanText(value: string): string {
  return normaliseNewlines(value).trim();
}
