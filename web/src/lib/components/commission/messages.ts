import type { Translator } from '$lib/i18n';

/** The message for an error code beside one of the commission's fields: the field's own wording first. */
export function commissionFieldMessage(i18n: Translator, field: string, code: string): string {
  const normalised = code.replaceAll('.', '_');
  return (
    i18n.tAny([
      `commission.form.errors.${field}.${normalised}`,
      `commission.form.errors.codes.${normalised}`,
      `errors.codes.${normalised}`,
    ]) ?? i18n.t('errors.codes.generic')
  );
}
