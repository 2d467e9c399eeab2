import { bankApi } from '$lib/api/bank';
import { emptyValues, draftFromValues } from '$lib/components/bank/question-form';
import { requireRole } from '$lib/guards';
import { loadSubjects, previewAction, saveAction } from '../editor-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const subjects = await loadSubjects(event);
  const chosen = event.url.searchParams.get('subject');
  const subject = subjects.find((s) => s.id === chosen)?.id ?? subjects[0]?.id ?? '';
  return { subjects, initial: emptyValues(subject) };
};

export const actions: Actions = {
  save: (event) => saveAction(event, (values) => bankApi(event).createQuestion(draftFromValues(values))),
  preview: previewAction,
};
