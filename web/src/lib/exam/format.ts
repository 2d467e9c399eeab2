import type { Locale } from '$lib/i18n/locales';

/** A score: whole numbers as they are, fractions to two places, with the locale's decimal mark. */
export function formatPoints(value: number, locale: Locale): string {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
  return locale === 'en' ? text : text.replace('.', ',');
}
