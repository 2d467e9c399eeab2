import { redirect } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import { emptyBlueprint } from '$lib/components/bank/blueprint-form';
import { requireRole } from '$lib/guards';
import { loadSubjects, saveAction, sectionAction } from '../editor-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const subjects = await loadSubjects(event);
  return { subjects, initial: emptyBlueprint(subjects[0]?.id ?? '') };
};

export const actions: Actions = {
  save: async (event) => {
    const saved = await saveAction(event, (body) => bankApi(event).createBlueprint(body));
    if (!saved.ok) return saved.failure;
    redirect(303, `/blueprints/${saved.blueprint.id}?saved=1`);
  },
  addSection: sectionAction('addSection'),
  removeSection: sectionAction('removeSection'),
  moveUp: sectionAction('moveUp'),
  moveDown: sectionAction('moveDown'),
};
