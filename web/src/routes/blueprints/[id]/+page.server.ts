import { fail } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import { valuesFromBlueprint } from '$lib/components/bank/blueprint-form';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { loadSubjects, saveAction, sectionAction } from '../editor-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const api = bankApi(event);
  const id = event.params.id;
  const seed = (event.url.searchParams.get('seed') ?? '').trim().slice(0, 100);
  const [blueprint, subjects, feasibility, paper] = await Promise.all([
    api.blueprint(id),
    loadSubjects(event),
    api.feasibility(id),
    seed ? api.previewPaper(id, seed) : Promise.resolve(null),
  ]);
  if (!blueprint.ok) loadFailure(blueprint);
  return {
    blueprint: blueprint.data,
    initial: valuesFromBlueprint(blueprint.data),
    subjects,
    feasibility: feasibility.ok ? feasibility.data : null,
    seed,
    paper:
      paper === null
        ? null
        : paper.ok
          ? { ok: true as const, data: paper.data }
          : { ok: false as const, status: paper.status, fields: paper.error.fields ?? [] },
    saved: event.url.searchParams.get('saved') === '1',
  };
};

export const actions: Actions = {
  save: async (event) => {
    const saved = await saveAction(event, (body) => bankApi(event).updateBlueprint(event.params.id, body));
    if (!saved.ok) return saved.failure;
    return { kind: 'saved' as const, revision: saved.blueprint.revision };
  },
  addSection: sectionAction('addSection'),
  removeSection: sectionAction('removeSection'),
  moveUp: sectionAction('moveUp'),
  moveDown: sectionAction('moveDown'),

  /** First step of archiving or restoring: nothing changes until the examiner confirms. */
  prepareArchive: async (event) => {
    const archived = (await event.request.formData()).get('archived') === 'true';
    return { kind: 'confirm-archive' as const, archived };
  },

  archive: async (event) => {
    const archived = (await event.request.formData()).get('archived') === 'true';
    const result = await bankApi(event).archiveBlueprint(event.params.id, archived);
    if (!result.ok)
      return fail(result.status, { kind: 'error' as const, message: messageFor(result.status, result.error) });
    return { kind: 'archived' as const, archived: result.data.archived };
  },
};
