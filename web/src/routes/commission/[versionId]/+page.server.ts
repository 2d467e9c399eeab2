import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { appealsStaffApi, type AppealGroup, type VersionRecord } from '$lib/api/appeals-staff';
import {
  buildDecision,
  decisionFieldOf,
  initialValues,
  readDecisionForm,
  type DecisionErrors,
  type DecisionFormValues,
} from '$lib/components/commission/decision-form';
import { confirmActions, refusalMessage } from '$lib/components/commission/confirm-actions';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['awaiting', 'confirmed', 'declined', 'withdrawn'] as const;
type Notice = (typeof NOTICES)[number];

/** The version's whole record: the item, every appeal, every decision and the rulings. */
async function versionRecord(event: RequestEvent<{ versionId: string }>): Promise<VersionRecord> {
  const record = await appealsStaffApi(event).record(event.params.versionId);
  if (!record.ok) loadFailure(record, 'No such question version.');
  return record.data;
}

/** The record as the decision form and the item card read it: the pending appeals and the decision awaiting. */
function groupOf(record: VersionRecord): AppealGroup {
  return {
    versionId: record.versionId,
    questionId: record.questionId,
    type: record.type,
    text: record.text,
    options: record.options,
    key: record.key,
    appeals: record.appeals.filter((a) => a.status === 'pending'),
    decision: record.decisions.find((d) => d.status === 'awaiting-confirmation') ?? null,
  };
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const record = await versionRecord(event);
  const group = groupOf(record);
  const notice = event.url.searchParams.get('notice');
  return {
    me: user.id,
    record,
    group,
    initial: initialValues(group),
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as Notice) : null,
    job: event.url.searchParams.get('job') ?? '',
  };
};

/** Domain refusals by the code the API gives. */
const CONFLICTS: Record<string, MessageKey> = {
  'appeal.none_pending': 'commission.form.conflicts.none_pending',
  'decision.awaiting_confirmation': 'commission.form.conflicts.awaiting_confirmation',
};

function refused(values: DecisionFormValues, errors: DecisionErrors, message?: MessageKey, status = 400) {
  return fail(status, { kind: 'form' as const, values, errors, message });
}

type CloseHow = 'decline' | 'withdraw';

/** The reason for declining or withdrawing, as typed, and what is wrong with it (the API's own limits). */
function readClose(data: FormData) {
  const reason = String(data.get('reason') ?? '');
  const how: CloseHow = data.get('how') === 'withdraw' ? 'withdraw' : 'decline';
  const trimmed = reason.trim();
  const problem = !trimmed ? 'required' : trimmed.length < 10 ? 'minLength' : reason.length > 4000 ? 'maxLength' : null;
  return { reason, how, decisionId: String(data.get('decisionId') ?? ''), problem };
}

/** A decline or withdrawal (or a confirmation) of a decision that is no longer awaiting one. */
const NOT_AWAITING: MessageKey = 'commission.close.notAwaiting';

export const actions: Actions = {
  /** First step: the decision is checked and shown back; nothing is sent until the examiner confirms. */
  prepare: async (event) => {
    const group = groupOf(await versionRecord(event));
    const values = readDecisionForm(await event.request.formData());
    const built = buildDecision(values, group);
    if ('errors' in built) return refused(values, built.errors);
    return { kind: 'review' as const, values, decision: built.body };
  },

  /** Back from the confirmation step to the form, with everything as it was typed. */
  edit: async (event) => ({ kind: 'form' as const, values: readDecisionForm(await event.request.formData()) }),

  decide: async (event) => {
    const group = groupOf(await versionRecord(event));
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

  ...confirmActions(
    NOT_AWAITING,
    (event: RequestEvent<{ versionId: string }>) => `/commission/${encodeURIComponent(event.params.versionId)}`,
  ),

  /** First step of declining or withdrawing: the reason is checked and shown back before anything is sent. */
  prepareClose: async (event) => {
    const typed = readClose(await event.request.formData());
    if (typed.problem) return fail(400, { kind: 'close' as const, ...typed });
    return { kind: 'closeReview' as const, ...typed };
  },

  close: async (event) => {
    const typed = readClose(await event.request.formData());
    if (typed.problem) return fail(400, { kind: 'close' as const, ...typed });
    const api = appealsStaffApi(event);
    const result =
      typed.how === 'withdraw'
        ? await api.withdraw(typed.decisionId, typed.reason)
        : await api.decline(typed.decisionId, typed.reason);
    if (!result.ok) {
      const reasonProblem = result.error.fields?.find((f) => f.field === 'reason');
      if (reasonProblem) return fail(400, { kind: 'close' as const, ...typed, problem: reasonProblem.code });
      const codes = (result.error.fields ?? []).map((f) => f.code);
      return fail(result.status, {
        kind: 'refused' as const,
        message: refusalMessage(result.status, codes, NOT_AWAITING),
      });
    }
    const notice = typed.how === 'withdraw' ? 'withdrawn' : 'declined';
    redirect(303, `/commission/${encodeURIComponent(event.params.versionId)}?notice=${notice}`);
  },
};
