import { error } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import { draftFromValues, valuesFromVersion } from '$lib/components/bank/question-form';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { loadSubjects, previewAction, saveAction } from '../../editor-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const api = bankApi(event);
  const [subjects, question] = await Promise.all([loadSubjects(event), api.question(event.params.id)]);
  if (!question.ok) loadFailure(question);
  const current = question.data.versions.find((v) => v.version === question.data.currentVersion);
  if (!current) error(404, { message: 'No current version' });
  const initial = valuesFromVersion({ ...current, externalId: question.data.externalId ?? undefined });
  return { subjects, question: question.data, initial };
};

export const actions: Actions = {
  save: (event) =>
    saveAction(event, (values) => {
      const expected = Number(values.expectedVersion);
      return bankApi(event).editQuestion(event.params.id, {
        ...draftFromValues(values),
        ...(Number.isInteger(expected) && expected > 0 ? { expectedVersion: expected } : {}),
      });
    }),
  preview: previewAction,
};
