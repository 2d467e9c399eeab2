import { fail } from '@sveltejs/kit';
import { IMPORT_KINDS, importsApi, type ImportKind, type ImportProblem } from '$lib/api/imports';
import { messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const kind = IMPORT_KINDS.find((k) => k === event.url.searchParams.get('kind')) ?? 'candidates';
  return { kinds: IMPORT_KINDS, kind };
};

/** The file's text: a chosen file wins over pasted text; a spreadsheet's byte-order mark is the API's to read. */
async function read(event: Parameters<Actions[string]>[0]) {
  const data = await event.request.formData();
  const kind: ImportKind = IMPORT_KINDS.find((k) => k === data.get('kind')) ?? 'candidates';
  const file = data.get('file');
  const pasted = typeof data.get('content') === 'string' ? String(data.get('content')) : '';
  const content = file instanceof File && file.size > 0 ? await file.text() : pasted;
  return { kind, content };
}

/** Sends the file; a refusal becomes the row report, the field's message, or a message about the whole form. */
async function send(event: Parameters<Actions[string]>[0], dryRun: boolean) {
  const { kind, content } = await read(event);
  if (!content.replace(/^\uFEFF/, '').trim()) {
    return fail(400, { kind, stage: 'invalid' as const, error: 'required', problems: [] as ImportProblem[] });
  }
  const result = await importsApi(event).send(kind, content, dryRun);
  if (result.ok) {
    return dryRun
      ? { kind, stage: 'checked' as const, content, summary: result.data }
      : { kind, stage: 'imported' as const, summary: result.data };
  }
  const problems = (result.error as { problems?: ImportProblem[] }).problems;
  if (result.status === 422 && problems) return fail(422, { kind, stage: 'rejected' as const, problems });
  const message: MessageKey =
    result.status === 413 || result.error.fields?.some((f) => f.code === 'maxLength')
      ? 'adminImport.tooLarge'
      : messageFor(result.status, result.error);
  return fail(result.status, { kind, stage: 'error' as const, message, problems: [] as ImportProblem[] });
}

export const actions: Actions = {
  check: (event) => send(event, true),
  confirm: (event) => send(event, false),
};
