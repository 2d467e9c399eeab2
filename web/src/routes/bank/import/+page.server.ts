import { fail } from '@sveltejs/kit';
import {
  bankApi,
  type ImportCheck,
  type ImportChoices,
  type ImportFormat,
  type ImportProblem,
  type Taxonomy,
} from '$lib/api/bank';
import { messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const FORMATS: readonly ImportFormat[] = ['csv', 'moodle-xml', 'gift'];
const LANGUAGES = ['az', 'ru', 'en'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const subjects = await bankApi(event).subjects();
  // Without the taxonomy the page still imports; only the category choices are missing.
  return { formats: FORMATS, languages: LANGUAGES, subjects: subjects.ok ? subjects.data : ([] as Taxonomy) };
};

/**
 * What the form says: the format, the file's text (a chosen file wins over pasted text), and the importer's
 * choices. A category's filing travels as `subject` or `subject/topic` beside its path; empty keeps the default.
 */
async function readForm(event: RequestEvent) {
  const data = await event.request.formData();
  const formatValue = data.get('format');
  const format = FORMATS.find((f) => f === formatValue) ?? 'csv';
  const file = data.get('file');
  const pasted = typeof data.get('content') === 'string' ? String(data.get('content')) : '';
  const fromFile = file instanceof File && file.size > 0 ? await file.text() : '';
  const content = (fromFile || pasted).replace(/^\uFEFF/, '');
  const language = LANGUAGES.find((l) => l === data.get('language')) ?? 'az';
  const update = data.get('update') === 'on';
  const paths = data.getAll('categoryPath').map(String);
  const filings = data.getAll('categoryFiling').map(String);
  const categories = paths.flatMap((path, index) => {
    const [subject, topic] = (filings[index] ?? '').split('/');
    if (!subject) return [];
    return [{ path, subject, ...(topic ? { topic } : {}) }];
  });
  const choices: ImportChoices = { language, update, ...(categories.length > 0 ? { categories } : {}) };
  return { format, content, choices };
}

export const actions: Actions = {
  /** Reads the file against the bank and says what an import would do; the file's text stays in the form. */
  check: async (event) => {
    const { format, content, choices } = await readForm(event);
    const keep = { format, content, language: choices.language ?? 'az', update: choices.update ?? false };
    if (!content.trim()) {
      return fail(400, { kind: 'invalid' as const, ...keep, error: 'required', problems: [] as ImportProblem[] });
    }
    const result = await bankApi(event).checkImport(format, content, choices);
    if (result.ok) return { kind: 'checked' as const, ...keep, check: result.data };
    const message: MessageKey =
      result.status === 413 ? 'bank.importPage.tooLarge' : messageFor(result.status, result.error);
    return fail(result.status, { kind: 'error' as const, ...keep, message, problems: [] as ImportProblem[] });
  },

  import: async (event) => {
    const { format, content, choices } = await readForm(event);
    // The file's text stays in the form, so a corrected choice can be sent again without choosing the file again.
    const keep = { format, content, language: choices.language ?? 'az', update: choices.update ?? false };
    if (!content.trim()) {
      return fail(400, { kind: 'invalid' as const, ...keep, error: 'required', problems: [] as ImportProblem[] });
    }
    const api = bankApi(event);
    const result = await api.importQuestions(format, content, choices);
    if (result.ok) return { kind: 'imported' as const, ...result.data };
    const problems = (result.error as { problems?: ImportProblem[] }).problems;
    if (result.status === 422 && problems) {
      // The check beside the report offers the category choices that may be all the file needs.
      const check = await api.checkImport(format, content, choices);
      return fail(422, {
        kind: 'rejected' as const,
        ...keep,
        problems,
        ...(check.ok ? { check: check.data as ImportCheck } : {}),
      });
    }
    const message: MessageKey =
      result.status === 413 ? 'bank.importPage.tooLarge' : messageFor(result.status, result.error);
    return fail(result.status, { kind: 'error' as const, ...keep, message, problems: [] as ImportProblem[] });
  },
};
