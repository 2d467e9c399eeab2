import type { Translator } from '$lib/i18n';

/**
 * The message for an API error code beside a bank or blueprint field: the field's own wording first,
 * then the code's wording in the bank's messages, then the site's general wording.
 */
export function bankFieldMessage(i18n: Translator, group: string, code: string): string {
  const normalised = code.replaceAll('.', '_');
  return (
    i18n.tAny([
      `bank.errors.fields.${group}.${normalised}`,
      `bank.errors.codes.${normalised}`,
      `errors.codes.${normalised}`,
    ]) ?? i18n.t('errors.codes.generic')
  );
}

/** An id usable in links and selectors for a form field name such as `option_a_az`. */
export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-').replaceAll('_', '-')}`;
}

/** Text in the reader's language, else the first language that has some. */
export function pickText(text: Partial<Record<'az' | 'ru' | 'en', string>>, locale: string): string {
  const own = text[locale as 'az' | 'ru' | 'en'];
  return own ?? text.az ?? text.ru ?? text.en ?? '';
}
