import { fail } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import type { ApiError } from '$lib/api/client';
import { formValues, loadFailure, messageFor, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import { isLanguage } from '$lib/components/bank/question-form';
import { statisticsApi } from '$lib/components/statistics/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { user } = await event.parent();
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const params = event.url.searchParams;
  const langParam = params.get('lang');
  const language = isLanguage(langParam) ? langParam : event.locals.locale;
  const api = bankApi(event);
  const [question, subjects] = await Promise.all([api.question(event.params.id), api.subjects()]);
  if (!question.ok) loadFailure(question);
  if (!subjects.ok) loadFailure(subjects);
  const preview = await api.previewQuestion(event.params.id, language);
  // The question's item statistics in every sitting it appeared in; the page stands without them.
  const statistics = await statisticsApi(event).question(event.params.id);

  const versions = question.data.versions.map((v) => v.version);
  const numberParam = (name: string, fallback: number) => {
    const n = Number(params.get(name));
    return versions.includes(n) ? n : fallback;
  };
  const current = question.data.currentVersion;
  const compare = { a: numberParam('a', versions.length > 1 ? current - 1 : current), b: numberParam('b', current) };
  return {
    me: user,
    question: question.data,
    subjects: subjects.data,
    preview: preview.ok ? preview.data : null,
    statistics: statistics.ok ? statistics.data : null,
    language,
    compare,
    saved: params.get('saved'),
  };
};

type Outcome =
  | 'bank.detail.submitted'
  | 'bank.detail.approved'
  | 'bank.detail.changesRequested'
  | 'bank.detail.commented'
  | 'bank.detail.retired';

function refusal(
  status: number,
  error: { code: string; fields?: { code: string }[] | undefined },
  fallback: MessageKey,
) {
  if (status === 403 && error.code === 'FORBIDDEN') return fallback;
  if (status === 404) return 'bank.notFound' as MessageKey;
  if (error.fields?.some((f) => f.code === 'wrong_status')) return 'bank.detail.wrongStatus' as MessageKey;
  return messageFor(status, { code: error.code, message: '' });
}

/** The page's forms that send one text field: a review's comment, a comment, a retirement's reason. */
type TextForm =
  { kind: 'review'; field: 'comment' } | { kind: 'comment'; field: 'comment' } | { kind: 'retire'; field: 'reason' };

/** One of those forms refused for its field: what was typed goes back beside the field's error code. */
function fieldRefused({ kind, field }: TextForm, typed: string, code: string, status = 400) {
  return fail(status, { kind, values: { [field]: typed }, errors: { [field]: code } as FieldErrors });
}

/**
 * The API's refusal of what one of those forms sent: beside the field when the API named it, otherwise for the
 * page as a whole, in `fallback`'s words when the examiner may not act on this question.
 */
function apiRefused(form: TextForm, typed: string, status: number, error: ApiError, fallback: MessageKey) {
  const code = error.fields?.find((f) => f.field === form.field)?.code;
  if (code) return fieldRefused(form, typed, code, status);
  return fail(status, { kind: 'error' as const, message: refusal(status, error, fallback) });
}

const REVIEW = { kind: 'review', field: 'comment' } as const;
const COMMENT = { kind: 'comment', field: 'comment' } as const;
const RETIRE = { kind: 'retire', field: 'reason' } as const;

export const actions: Actions = {
  submit: async (event) => {
    const result = await bankApi(event).submit(event.params.id);
    if (!result.ok)
      return fail(result.status, {
        kind: 'error' as const,
        message: refusal(result.status, result.error, 'errors.forbidden'),
      });
    return { kind: 'done' as const, notice: 'bank.detail.submitted' as Outcome };
  },

  review: async (event) => {
    const values = formValues(await event.request.formData(), ['decision', 'comment'] as const);
    const decision = values.decision === 'approve' ? 'approve' : 'request-changes';
    const comment = values.comment.trim();
    if (decision === 'request-changes' && !comment) return fieldRefused(REVIEW, values.comment, 'required');
    const result = await bankApi(event).review(event.params.id, decision, comment || undefined);
    if (!result.ok) return apiRefused(REVIEW, values.comment, result.status, result.error, 'bank.detail.ownQuestion');
    return {
      kind: 'done' as const,
      notice: (decision === 'approve' ? 'bank.detail.approved' : 'bank.detail.changesRequested') as Outcome,
    };
  },

  comment: async (event) => {
    const { comment } = formValues(await event.request.formData(), ['comment'] as const);
    if (!comment.trim()) return fieldRefused(COMMENT, comment, 'required');
    const result = await bankApi(event).comment(event.params.id, comment.trim());
    if (!result.ok) return apiRefused(COMMENT, comment, result.status, result.error, 'errors.forbidden');
    return { kind: 'done' as const, notice: 'bank.detail.commented' as Outcome };
  },

  /** First step of retiring: nothing is sent until the examiner confirms. */
  prepareRetire: async (event) => {
    const { reason } = formValues(await event.request.formData(), ['reason'] as const);
    if (!reason.trim()) return fieldRefused(RETIRE, reason, 'required');
    return { kind: 'confirm-retire' as const, reason: reason.trim() };
  },

  retire: async (event) => {
    const { reason } = formValues(await event.request.formData(), ['reason'] as const);
    if (!reason.trim()) return fieldRefused(RETIRE, reason, 'required');
    const result = await bankApi(event).retire(event.params.id, reason.trim());
    if (!result.ok) return apiRefused(RETIRE, reason, result.status, result.error, 'errors.forbidden');
    return { kind: 'done' as const, notice: 'bank.detail.retired' as Outcome };
  },
};
