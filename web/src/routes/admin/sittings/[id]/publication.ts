import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { publicationApi, type PublicationState } from '$lib/api/publication';
import type { Sitting } from '$lib/api/sittings';
import { conflictMessage, messageFor } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';

/* Publishing results, as a section of the sitting's page: its data and its two-step action. */

/** Only a finished sitting has results to publish; before that the section is not shown. */
export async function loadPublication(event: RequestEvent, sitting: Sitting): Promise<PublicationState | null> {
  if (sitting.phase !== 'finished') return null;
  const results = await publicationApi(event).results(sitting.id);
  return { results: results.ok ? results.data : null, justPublished: event.url.searchParams.get('published') === '1' };
}

const CONFLICTS: Record<string, MessageKey> = {
  'sitting.not_finished': 'commission.publish.conflicts.not_finished',
  'results.published': 'commission.publish.conflicts.published',
};

export const publicationActions = {
  /** First step: nothing is published until the administrator confirms; publication cannot be undone. */
  preparePublish: () => ({ kind: 'confirm-publish' as const }),

  publish: async (event: RequestEvent<{ id: string }>) => {
    const result = await publicationApi(event).publish(event.params.id);
    if (!result.ok) {
      const conflict = conflictMessage(result.error, CONFLICTS);
      return fail(result.status, {
        kind: 'publish' as const,
        message:
          conflict ?? (result.status === 404 ? 'sittings.detail.notFound' : messageFor(result.status, result.error)),
      });
    }
    redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id)}?published=1`);
  },
};
