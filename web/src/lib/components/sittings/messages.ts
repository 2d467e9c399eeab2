import type { Translator } from '$lib/i18n';

/**
 * The message for an API error code beside a sitting form's field: the field's own wording first,
 * then the code's wording in the sittings messages, then the site's general wording.
 */
export function sittingFieldMessage(i18n: Translator, group: string, code: string): string {
  const normalised = code.replaceAll('.', '_');
  return (
    i18n.tAny([
      `sittings.errors.fields.${group}.${normalised}`,
      `sittings.errors.codes.${normalised}`,
      `errors.codes.${normalised}`,
    ]) ?? i18n.t('errors.codes.generic')
  );
}

/** An id usable in links and selectors for a form field name such as `rooms.1.capacity`. */
export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-')}`;
}

/** Text in the reader's language, else the first language that has some. */
export function pickText(text: Partial<Record<'az' | 'ru' | 'en', string>>, locale: string): string {
  return text[locale as 'az' | 'ru' | 'en'] ?? text.az ?? text.ru ?? text.en ?? '';
}
