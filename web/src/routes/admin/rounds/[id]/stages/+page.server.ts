import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { sittingsApi } from '$lib/api/sittings';
import { stagesApi } from '$lib/api/stages';
import { refusal } from '$lib/components/competitions/forms';
import { MAX_STAGES, placeStageError, stagesFromForm, stagesValues } from '$lib/components/stages/stage-form';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const [round, stages] = await Promise.all([
    competitionsApi(event).adminRound(event.params.id),
    stagesApi(event).roundStages(event.params.id),
  ]);
  if (!round.ok) loadFailure(round, 'Not found');
  if (!stages.ok) loadFailure(stages);
  const draft = round.data.status === 'draft';
  const blueprints = draft ? await sittingsApi(event).blueprints() : null;
  return {
    round: round.data,
    stages: stages.data.stages,
    blueprints: blueprints?.ok ? blueprints.data.map((b) => ({ id: b.id, name: b.name })) : [],
    initial: stagesValues(stages.data.stages),
    saved: event.url.searchParams.get('notice') === 'saved',
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body, rowOf } = stagesFromForm(await event.request.formData());
    const result = await stagesApi(event).setStages(event.params.id, body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeStageError(rowOf));
    redirect(303, `/admin/rounds/${event.params.id}/stages?notice=saved`);
  },
  /** One more empty row, keeping what was typed (works without JavaScript). */
  addRow: async (event) => {
    const { values } = stagesFromForm(await event.request.formData());
    values.rows = Math.min(values.rows + 1, MAX_STAGES);
    return { kind: 'save' as const, values, errors: {} as Record<string, string>, problem: undefined };
  },
};
