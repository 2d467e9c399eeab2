import type { FieldErrors } from '$lib/forms';
import { fieldGroup, fieldId, fieldMessage } from '$lib/forms';
import type { Translator } from '$lib/i18n';
import { problemText, type SentBack } from './forms';

/** A competitions form as its fields read it: their labels by name (as the error summary names them), values and errors. */
export interface ShownFields {
  labels: Record<string, string>;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The error summary's entries: each field's label and message, in the form's order. */
export function summaryItems(
  i18n: Translator,
  errors: FieldErrors | undefined,
  label: (field: string) => string,
  order: readonly string[] = [],
  prefix?: string,
) {
  const rank = (field: string) => {
    const index = order.findIndex((o) => field === o || field.startsWith(`${o}.`));
    return index === -1 ? order.length : index;
  };
  return Object.entries(errors ?? {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, code]) => ({
      field,
      target: prefix ? `${prefix}-${fieldId(field)}` : fieldId(field),
      text: `${label(field)}: ${fieldMessage(i18n, fieldGroup(field), code, 'competitions')}`,
    }));
}

/**
 * A field's label for the error summary from the form's labels: `name.ru` → "Name (Russian)",
 * `rubric.1.maxPoints` → "Criterion 2: maximum points".
 */
export function labelFor(i18n: Translator, labels: Record<string, string>, field: string): string {
  const row = /^rubric\.(\d+)\.(.+)$/.exec(field);
  if (row) {
    return `${i18n.t('competitions.round.criterion', { number: Number(row[1]) + 1 })}: ${labelFor(i18n, labels, `criterion.${row[2]}`)}`;
  }
  const language = /^(.+)\.(az|ru|en)$/.exec(field);
  if (language)
    return `${labels[language[1]!] ?? language[1]} (${i18n.t(`competitions.languages.${language[2] as 'az' | 'ru' | 'en'}`)})`;
  return labels[field] ?? field;
}

/**
 * What a competitions form shows: the values and errors the server sent back with a refusal, or the initial
 * values and none; the problem no field explains; and the error summary's entries, named by the form's labels.
 */
export function shownForm<V>(
  i18n: Translator,
  labels: Record<string, string>,
  order: readonly string[],
  initial: V,
  sentBack: SentBack<V> | null | undefined,
) {
  const errors: FieldErrors = sentBack?.errors ?? {};
  return {
    values: sentBack?.values ?? initial,
    errors,
    message: sentBack?.problem ? problemText(i18n, sentBack.problem) : undefined,
    items: summaryItems(i18n, errors, (f) => labelFor(i18n, labels, f), order),
  };
}
