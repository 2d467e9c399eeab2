import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { appealsStaffApi, type AppealGroup } from '$lib/api/appeals-staff';
import {
  buildDecision,
  decisionFieldOf,
  initialValues,
  readDecisionForm,
  type DecisionErrors,
  type DecisionFormValues,
} from '$lib/components/commission/decision-form';
import { messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** The pending appeals against this version, with the item and the key in force. */
async function pendingGroup(event: RequestEvent<{ versionId: string }>): Promise<AppealGroup> {
  const queue = await appealsStaffApi(event).queue('pending');
  if (!queue.ok) error(queue.status >= 500 ? 503 : queue.status, { message: queue.error.message });
  const group = queue.data.find((g) => g.versionId === event.params.versionId);
  if (!group) error(404, { message: 'No appeal against this item is waiting for a decision.' });
  return group;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const group = await pendingGroup(event);
  return { group, initial: initialValues(group) };
};

/** Domain refusals by the code the API gives. */
const CONFLICTS: Record<string, MessageKey> = {
  'appeal.none_pending': 'commission.form.conflicts.none_pending',
  'decision.awaiting_confirmation': 'commission.form.conflicts.awaiting_confirmation',
};

function refused(values: DecisionFormValues, errors: DecisionErrors, message?: MessageKey, status = 400) {
  return fail(status, { kind: 'form' as const, values, errors, message });
}

export const actions: Actions = {
  /** First step: the decision is checked and shown back; nothing is sent until the examiner confirms. */
  prepare: async (event) => {
    const group = await pendingGroup(event);
    const values = readDecisionForm(await event.request.formData());
    const built = buildDecision(values, group);
    if ('errors' in built) return refused(values, built.errors);
    return { kind: 'review' as const, values, decision: built.body };
  },

  /** Back from the confirmation step to the form, with everything as it was typed. */
  edit: async (event) => ({ kind: 'form' as const, values: readDecisionForm(await event.request.formData()) }),

  decide: async (event) => {
    const group = await pendingGroup(event);
    const values = readDecisionForm(await event.request.formData());
    const built = buildDecision(values, group);
    if ('errors' in built) return refused(values, built.errors);
    const result = await appealsStaffApi(event).decide(group.versionId, built.body);
    if (!result.ok) {
      const errors: DecisionErrors = {};
      let message: MessageKey | undefined;
      for (const problem of result.error.fields ?? []) {
        const conflict = CONFLICTS[problem.code];
        if (conflict) {
          message = conflict;
          continue;
        }
        const field = decisionFieldOf(problem.field);
        if (field) errors[field] ??= problem.code;
      }
      if (!message && Object.keys(errors).length === 0) message = messageFor(result.status, result.error);
      return refused(values, errors, message, result.status);
    }
    redirect(303, `/commission?notice=${result.data.status === 'final' ? 'rejected' : 'awaiting'}`);
  },
};
