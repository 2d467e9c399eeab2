import type { Translator } from '$lib/i18n';

/**
 * The message for an API error code beside a field of a results, appeals or certificates form: the
 * field's own wording first, then the site's general wording for the code.
 */
export function resultsFieldMessage(i18n: Translator, field: string, code: string): string {
  const normalised = code.replaceAll('.', '_');
  return (
    i18n.tAny([`results.errors.fields.${field}.${normalised}`, `errors.codes.${normalised}`]) ??
    i18n.t('errors.codes.generic')
  );
}

/** A share as a whole percentage (one decimal below 10 %), or null when there is nothing to share. */
export function percent(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const value = (part / whole) * 100;
  return value < 10 && value > 0 ? value.toFixed(1) : String(Math.round(value));
}
