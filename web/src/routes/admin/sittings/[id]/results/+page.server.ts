import { error, fail, redirect } from '@sveltejs/kit';
import { publicationApi } from '$lib/api/publication';
import { sittingsApi } from '$lib/api/sittings';
import { conflictMessage, formValues, loadFailure, messageFor, reasonStep, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const id = event.params.id;
  const [sitting, results] = await Promise.all([sittingsApi(event).get(id), publicationApi(event).results(id)]);
  for (const answer of [sitting, results]) {
    if (!answer.ok) loadFailure(answer, 'Not found');
  }
  if (!sitting.ok || !results.ok) error(503);
  const params = event.url.searchParams;
  return {
    sitting: sitting.data,
    results: results.data,
    /** The held attempt whose release panel is open, from its row's link. */
    release: params.get('release') ?? '',
    released: params.get('released') ?? '',
  };
};

const CONFLICTS: Record<string, MessageKey> = {
  'attempt.not_held': 'commission.held.conflicts.not_held',
  'attempt.hold_needs_ruling': 'commission.held.conflicts.needs_ruling',
};

export const actions: Actions = {
  /** First step: the reason is checked, then the administrator confirms; a release cannot be undone. */
  prepareRelease: (event) => reasonStep(event.request, 'release', 'attemptId'),

  release: async (event) => {
    const values = formValues(await event.request.formData(), ['attemptId', 'reason'] as const);
    const result = await publicationApi(event).releaseHold(values.attemptId, values.reason.trim());
    if (!result.ok) {
      const reason = result.error.fields?.find((f) => f.field === 'reason');
      const conflict = conflictMessage(result.error, CONFLICTS);
      return fail(result.status, {
        kind: 'release' as const,
        values,
        errors: (reason ? { reason: reason.code } : {}) as FieldErrors,
        message: reason ? undefined : (conflict ?? messageFor(result.status, result.error)),
      });
    }
    const candidate = result.data.results.find((r) => r.attemptId === values.attemptId)?.candidateCode ?? '';
    redirect(
      303,
      `/admin/sittings/${encodeURIComponent(event.params.id)}/results?released=${encodeURIComponent(candidate)}`,
    );
  },
};
