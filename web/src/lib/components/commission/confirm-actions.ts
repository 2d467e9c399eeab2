import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { appealsStaffApi } from '$lib/api/appeals-staff';
import { messageFor } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';

/** The decision a confirmation is about, as posted. */
async function postedDecision(event: RequestEvent): Promise<string> {
  const decisionId = (await event.request.formData()).get('decisionId');
  return typeof decisionId === 'string' ? decisionId : '';
}

/**
 * Confirming another examiner's decision, from the queue and from the question's page alike: first shown
 * (nothing is sent until the examiner has read what confirming does), then sent. A refusal is worded for
 * the examiner, `final` being the words for a decision that is no longer awaiting confirmation; a
 * confirmation goes back to `page` with its notice and the re-scoring job it queued.
 */
export function confirmActions<E extends RequestEvent>(final: MessageKey, page: (event: E) => string) {
  return {
    prepareConfirm: async (event: E) => ({ kind: 'confirm' as const, decisionId: await postedDecision(event) }),

    confirm: async (event: E) => {
      const decisionId = await postedDecision(event);
      const result = await appealsStaffApi(event).confirm(decisionId);
      if (!result.ok)
        return fail(result.status, {
          kind: 'refused' as const,
          decisionId,
          message: refusalMessage(
            result.status,
            (result.error.fields ?? []).map((f) => f.code),
            final,
          ),
        });
      const query = new URLSearchParams({ notice: 'confirmed', job: result.data.rescoringJobId ?? '' });
      redirect(303, `${page(event)}?${query.toString()}`);
    },
  };
}

/** A refusal of a commission action, in words for the examiner. */
export function refusalMessage(status: number, codes: string[], final: MessageKey): MessageKey {
  if (status === 403) return 'commission.confirm.notYours';
  if (codes.includes('decision.final')) return final;
  if (status === 404) return 'commission.confirm.notFound';
  return messageFor(status, { code: codes[0] ?? '', message: '' });
}
