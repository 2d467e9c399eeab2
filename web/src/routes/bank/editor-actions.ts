import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { bankApi, type Taxonomy } from '$lib/api/bank';
import type { ApiResult } from '$lib/api/client';
import { failStatus, loadFailure, messageFor } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';
import { editorErrors, valuesFromForm, type QuestionFormValues } from '$lib/components/bank/question-form';

/** The taxonomy every editor needs; a page without it cannot be used. */
export async function loadSubjects(event: RequestEvent): Promise<Taxonomy> {
  const subjects = await bankApi(event).subjects();
  if (!subjects.ok) loadFailure(subjects);
  return subjects.data;
}

/** "Update preview": nothing is saved; the values come back so the page renders them and their preview. */
export async function previewAction(event: RequestEvent) {
  const values = valuesFromForm(await event.request.formData());
  return { kind: 'preview' as const, values, errors: {} as Record<string, string>, message: undefined };
}

/** Saves the editor's values with `send`; on refusal, the values come back with errors placed beside fields. */
export async function saveAction(
  event: RequestEvent,
  send: (values: QuestionFormValues) => Promise<ApiResult<{ id: string; version: number }>>,
) {
  const values = valuesFromForm(await event.request.formData());
  const result = await send(values);
  if (result.ok) redirect(303, `/bank/${result.data.id}?saved=${result.data.version}`);
  const placed = editorErrors(result.error, values);
  const stale = result.error.fields?.some((f) => f.code === 'stale');
  let message: MessageKey | undefined;
  if (stale) message = 'bank.editor.stale';
  else if (result.status === 404) message = 'bank.notFound';
  else if (placed.unplaced) message = messageFor(result.status, result.error);
  return fail(failStatus(result.status), {
    kind: 'invalid' as const,
    values,
    errors: placed.errors,
    message,
  });
}
