/** The interface languages a mail is written in. */
export const LANGUAGES = ['az', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A stored locale as a mail language: an account's locale outside the three falls back to Azerbaijani. */
export function mailLanguage(locale: string | null | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(locale ?? '') ? (locale as Language) : 'az';
}
