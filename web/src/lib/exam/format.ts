import type { Locale } from '$lib/i18n/locales';

/**
 * Hundredths, halves away from zero, decided on the number's decimal digits: the rule of the server's
 * `roundPoints` (server/core/points.ts), which the register's CSV and JSON are written with. The web may not
 * import the server's code, so the rule is repeated here and `format.test.ts` checks the two agree.
 */
function roundPoints(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 53 / 100) return value;
  const [digits, exponent = '0'] = String(Math.abs(value)).split('e');
  const rounded = Number(`${Math.round(Number(`${digits}e${Number(exponent) + 2}`))}e-2`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A score: whole numbers as they are, fractions to at most two places, with the locale's decimal mark. */
export function formatPoints(value: number, locale: Locale): string {
  const text = String(roundPoints(value));
  return locale === 'en' ? text : text.replace('.', ',');
}
