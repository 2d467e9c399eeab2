import { fail } from '@sveltejs/kit';
import { bankApi, type ImportFormat, type ImportProblem } from '$lib/api/bank';
import { messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const FORMATS: readonly ImportFormat[] = ['csv', 'moodle-xml', 'gift'];

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  return { formats: FORMATS };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const formatValue = data.get('format');
    const format = FORMATS.find((f) => f === formatValue) ?? 'csv';
    const file = data.get('file');
    const pasted = typeof data.get('content') === 'string' ? String(data.get('content')) : '';
    // A chosen file wins over pasted text; both reach the API as the same `content`.
    const fromFile = file instanceof File && file.size > 0 ? await file.text() : '';
    const content = (fromFile || pasted).replace(/^\uFEFF/, '');
    const keep = { format, content: fromFile ? '' : pasted };
    if (!content.trim()) {
      return fail(400, { kind: 'invalid' as const, ...keep, error: 'required', problems: [] as ImportProblem[] });
    }
    const result = await bankApi(event).importQuestions(format, content);
    if (result.ok) return { kind: 'imported' as const, imported: result.data.imported };
    const problems = (result.error as { problems?: ImportProblem[] }).problems;
    if (result.status === 422 && problems) {
      return fail(422, { kind: 'rejected' as const, ...keep, problems });
    }
    const message: MessageKey =
      result.status === 413 ? 'bank.importPage.tooLarge' : messageFor(result.status, result.error);
    return fail(result.status, { kind: 'error' as const, ...keep, message, problems: [] as ImportProblem[] });
  },
};
