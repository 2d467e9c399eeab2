import { error, fail, type SubmitFunction } from '@sveltejs/kit';
import type { ApiError } from './api/client';
import type { MessageKey, Translator } from './i18n/translate';

/** Field name → stable error code from the API (`required`, `taken`, `national_id.checksum` …). */
export type FieldErrors = Record<string, string>;

/**
 * What a form action hands back to its page when the submission is refused; an editor with rows (a sitting's
 * rooms, a blueprint's sections) keeps them in `values` as they were typed.
 */
export interface FormFailure<V = Record<string, string>> {
  values: V;
  errors: FieldErrors;
  /** A problem with the form as a whole (wrong password, too many attempts, service down). */
  message?: MessageKey;
}

/**
 * What a field needs of a refused submission: the text kept per field name and the error code per field name.
 * Loose on purpose, so any form action's failure (`FormFailure` or one with more of its own) can be handed over.
 */
export interface RefusedForm {
  values?: Partial<Record<string, string>> | undefined;
  errors?: Partial<FieldErrors> | undefined;
}

/** Reads the named text fields of a submitted form; files and missing fields become ''. */
export function formValues<K extends string>(data: FormData, names: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = data.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** The longest reason a staff decision may carry, as the API allows it; the reason's box stops there too. */
export const REASON_MAX_LENGTH = 1000;

/**
 * The code for a staff decision's reason (an annulment, a release, an accepted file) as the API would
 * give it: checked before a confirmation step, so that step cannot fail on it. Null when it will do.
 */
export function reasonProblem(reason: string): 'required' | 'minLength' | 'maxLength' | null {
  const trimmed = reason.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length < 3) return 'minLength';
  if (trimmed.length > REASON_MAX_LENGTH) return 'maxLength';
  return null;
}

/**
 * The first step of a staff decision with a reason (annulling an attempt, releasing a held result): the
 * reason is checked before the confirmation is shown, so the confirmation cannot fail on it. `id` names the
 * form's hidden field for the record decided on; both go on to the confirmation, the reason trimmed.
 */
export async function reasonStep<K extends string, I extends string>(request: Request, kind: K, id: I) {
  const values = formValues(await request.formData(), [id, 'reason']);
  const problem = reasonProblem(values.reason);
  if (problem) return fail(400, { kind, values, errors: { reason: problem } as FieldErrors, message: undefined });
  const confirmed = { [id]: values[id], reason: values.reason.trim() } as Record<I | 'reason', string>;
  return { kind: `confirm-${kind}` as const, values: confirmed };
}

/** The general message for an API error that is not about a particular field. */
export function messageFor(status: number, error: ApiError): MessageKey {
  if (error.code === 'INVALID_CREDENTIALS') return 'errors.signInFailed';
  if (error.code === 'SIGN_IN_LOCKED') return 'errors.signInLocked';
  if (error.code === 'TWO_FACTOR_LOCKED') return 'errors.twoFactorLocked';
  if (error.code === 'ACCOUNT_DISABLED') return 'accountCare.errors.disabled';
  if (status === 429) return 'errors.rateLimited';
  if (status === 401) return 'errors.sessionExpired';
  if (status === 403) return 'errors.forbidden';
  if (status >= 500) return 'errors.unavailable';
  return 'errors.unexpected';
}

/** An API call the page could not do without: its status and the API's error. */
export interface Refused {
  status: number;
  error: ApiError;
}

/**
 * Ends a page's load on an API refusal of what the page shows: a 5xx as 503 (the page is fine, what it
 * needs is not; marked `busy` when the API turned the read away under load), anything else with the API's own
 * status and message. With `notFound`, the address names a
 * record: a 400 (an id of the wrong shape) or a 404 is then the page's 404, with that message.
 */
export function loadFailure(refused: Refused, notFound?: string): never {
  if (notFound !== undefined && (refused.status === 400 || refused.status === 404)) error(404, { message: notFound });
  if (refused.error.code === 'BUSY') error(503, { message: refused.error.message, busy: true });
  error(refused.status >= 500 ? 503 : refused.status, { message: refused.error.message });
}

/** The status a refused form answers with: the API's, unless it is no error status at all (then 400). */
export function failStatus(status: number): number {
  return status >= 400 && status < 600 ? status : 400;
}

/** The page's own wording for the first domain conflict the API named that `messages` knows, if any. */
export function conflictMessage(refusal: ApiError, messages: Record<string, MessageKey>): MessageKey | undefined {
  return refusal.fields?.map((problem) => messages[problem.code]).find(Boolean);
}

/** Ajv's words for "not one of the allowed values", which say nothing more to a person. */
const NOT_ALLOWED = new Set(['const', 'anyOf', 'oneOf', 'enum', 'type']);

/**
 * The one failure mapper: each problem the API named goes beside the field the form shows for it
 * (`place` maps the API's path to the form's field, or null), the first per field; the rest are left
 * over, for a message about the form as a whole. An empty text field reaches the API as a too-short
 * string: to a person it is simply missing.
 */
export function placeProblems(
  error: ApiError,
  typed: Record<string, unknown>,
  place: (path: string) => string | null,
  known: FieldErrors = {},
): { errors: FieldErrors; unplaced: { field: string; code: string }[] } {
  const errors: FieldErrors = { ...known };
  const unplaced: { field: string; code: string }[] = [];
  for (const problem of error.fields ?? []) {
    const at = place(problem.field);
    if (!at) {
      unplaced.push(problem);
      continue;
    }
    const empty = problem.code === 'minLength' && (typed[at] ?? '') === '';
    errors[at] ??= empty ? 'required' : NOT_ALLOWED.has(problem.code) ? 'invalid' : problem.code;
  }
  return { errors, unplaced };
}

/**
 * Turns an API refusal into the form's failure: one code per field the form shows (the first the
 * API gave), and a general message when something is wrong that no field on the form explains.
 */
export function apiFailure<V extends Record<string, string>>(
  status: number,
  error: ApiError,
  values: V,
  options: { fields: readonly string[]; keep?: readonly (keyof V)[] },
) {
  const { errors, unplaced } = placeProblems(error, values, (path) => {
    const field = path.split('.')[0] ?? path;
    return options.fields.includes(field) ? field : null;
  });
  const kept = Object.fromEntries(
    Object.entries(values).filter(([name]) => !options.keep || options.keep.includes(name as keyof V)),
  ) as V;
  const failure: FormFailure<V> = { values: kept, errors };
  if (!error.fields?.length || unplaced.length > 0) failure.message = messageFor(status, error);
  return fail(failStatus(status), failure);
}

/** A field name without its row numbers: `rubric.2.name.az` → `rubric.name.az`. */
export function fieldGroup(field: string): string {
  return field.replace(/\.\d+(?=\.|$)/g, '');
}

/**
 * The message beside a field, the one look-up for every form: the field's own wording first, then the
 * code's wording in the area's messages (`scope`: `sittings` reads `sittings.errors.fields.<group>.<code>`,
 * then `sittings.errors.codes.<code>`), then the site's general wording. The field's wording is found under
 * its name as given (`sections.count`, nested) or flat without row numbers (`rubric.2.maxPoints` as
 * `rubric_maxPoints`).
 */
export function fieldMessage(i18n: Translator, field: string, code: string, scope?: string): string {
  const normalised = code.replaceAll('.', '_');
  const area = scope ? `${scope}.errors` : 'errors';
  const flat = fieldGroup(field).replaceAll('.', '_');
  return (
    i18n.tAny([
      `${area}.fields.${field}.${normalised}`,
      `${area}.fields.${flat}.${normalised}`,
      `${area}.codes.${normalised}`,
      `errors.codes.${normalised}`,
    ]) ?? i18n.t('errors.codes.generic')
  );
}

/**
 * The enhance of a form that may be refused (`use:enhance={keepTyped}`): SvelteKit resets a form after every
 * answer, and a refused one must come back with what was typed still in its fields.
 */
export const keepTyped: SubmitFunction =
  () =>
  ({ update }) =>
    update({ reset: false });

/** The id of a field's input, for labels and the error summary's links: `rooms.1.capacity` → `field-rooms-1-capacity`. */
export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-').replaceAll('_', '-')}`;
}

/** Printable ASCII without space: anything else in a redirect target is either a typo or a trick. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * Only paths on this site: `/account` yes; `//evil.example`, `/\\evil`, `https://…` and `/%09/evil.example` no.
 *
 * Browsers strip tabs and newlines from a URL and treat `\\` as `/`, so `/<TAB>/evil.example` lands on
 * another host although it starts with a single slash. The path is therefore checked as the browser will
 * read it (percent-decoded too, in case it is decoded once more on the way), and whatever survives must
 * still resolve to this origin. The query may carry encoded non-ASCII (a search in Cyrillic): it cannot
 * change the host, so only its raw form is checked.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  if (!target || !PRINTABLE_ASCII.test(target)) return fallback;
  const cut = target.search(/[?#]/);
  const path = cut === -1 ? target : target.slice(0, cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fallback;
  }
  for (const candidate of [path, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//') || !PRINTABLE_ASCII.test(candidate)) return fallback;
    if (candidate.includes('\\')) return fallback;
  }
  const base = 'http://same-origin.invalid';
  if (new URL(target, base).origin !== base) return fallback;
  return target;
}
