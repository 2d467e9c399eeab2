import { sittingsApi } from '$lib/api/sittings';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { sittingFormActions } from '$lib/components/sittings/sitting-actions';
import { emptySitting } from '$lib/components/sittings/sitting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const [categories, blueprints] = await Promise.all([api.categories(), api.blueprints()]);
  if (!categories.ok) loadFailure(categories);
  if (!blueprints.ok) loadFailure(blueprints);
  const usable = blueprints.data.filter((b) => !b.archived);
  // A sitting tests one subgroup; the groups above them only gather them.
  const subgroups = categories.data.filter((c) => c.parentCode !== null);
  return {
    categories: subgroups,
    blueprints: usable,
    initial: emptySitting(subgroups[0]?.code ?? '', usable[0]?.id ?? ''),
  };
};

export const actions: Actions = sittingFormActions((event, body) => sittingsApi(event).create(body), 'created');
