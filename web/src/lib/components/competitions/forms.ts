import { fail } from '@sveltejs/kit';
import type { ApiError } from '$lib/api/client';
import type { Localised } from '$lib/api/competitions';
import { failStatus, messageFor, placeProblems, type FieldErrors } from '$lib/forms';
import type { Translator } from '$lib/i18n';
import { bakuLocalToIso, bakuParts } from '$lib/components/sittings/baku-time';

export const LANGUAGES = ['az', 'ru', 'en'] as const;

/** A competitions form as `refusal` sends it back: what was typed, each field's code, a problem no field explains. */
export interface SentBack<V> {
  values: V;
  errors: FieldErrors;
  problem?: string | undefined;
}

/** The words for a refusal no field explains: a domain conflict's code, or a general message key. */
export function problemText(i18n: Translator, problem: string): string {
  return i18n.tAny([`competitions.conflicts.${problem.replaceAll('.', '_')}`, problem]) ?? i18n.t('errors.unexpected');
}

/**
 * An API refusal of a form: each problem beside the field the form shows for it (`place` maps the
 * API's path to the form's field, or null), and for the rest one general problem — the domain
 * conflict's own code when there is one.
 */
export function refusal<K extends string, V>(
  kind: K,
  status: number,
  error: ApiError,
  values: V,
  place: (path: string) => string | null,
  known: FieldErrors = {},
) {
  // The typed values, flat: a form with rows keeps them under `fields`.
  const flat = (values && typeof values === 'object' && 'fields' in values ? values.fields : values) as Record<
    string,
    unknown
  >;
  const { errors, unplaced } = placeProblems(error, flat, place, known);
  // A domain conflict's own code (`round.not_draft`) says more than a general message.
  let problem = unplaced.find((found) => found.code.includes('.') || found.code.includes('_'))?.code;
  if (!problem && Object.keys(errors).length === 0) {
    problem = status === 404 ? 'competitions.notFound' : messageFor(status, error);
  }
  return fail(failStatus(status), { kind, values, errors, problem });
}

/** The text of a submitted form field; files and missing fields become ''. */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A localised text from three inputs `<name>.az`, `.ru`, `.en`; empty translations are left out. */
export function localised(data: FormData, name: string): Localised & { az: string } {
  const result: Localised & { az: string } = { az: text(data, `${name}.az`) };
  const ru = text(data, `${name}.ru`);
  const en = text(data, `${name}.en`);
  if (ru) result.ru = ru;
  if (en) result.en = en;
  return result;
}

export function localisedValues(data: FormData, name: string): Record<string, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [`${name}.${l}`, text(data, `${name}.${l}`)]));
}

export function localisedFrom(name: string, value: Localised | undefined): Record<string, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [`${name}.${l}`, value?.[l] ?? '']));
}

/** A whole number as typed; anything else goes as null, which the API reports beside the field. */
export function integer(value: string): number {
  return (/^-?\d+$/.test(value.trim()) ? Number(value.trim()) : null) as number;
}

/** A `datetime-local` value read in Baku, as ISO; '' when it is not a real date and time. */
export function bakuInput(value: string): string {
  return bakuLocalToIso(value.replace(' ', 'T')) ?? '';
}

/** An instant as a `datetime-local` value in Baku. */
export function toBakuInput(iso: string): string {
  const p = bakuParts(iso);
  return `${p.date}T${p.time}`;
}
