import type { Static } from '@sinclair/typebox';
import type {
  MarkBody as MarkBodySchema,
  MarkerQueue as MarkerQueueSchema,
  MarkerScript as MarkerScriptSchema,
  MarkReceipt as MarkReceiptSchema,
  MarkingAppealBody as MarkingAppealBodySchema,
  MarkingAppealCase as MarkingAppealCaseSchema,
  MarkingAppealDecisionBody as MarkingAppealDecisionBodySchema,
  MarkingAppealQueue as MarkingAppealQueueSchema,
  MarkingAppealView as MarkingAppealViewSchema,
  PlanBody as PlanBodySchema,
  PlanView as PlanViewSchema,
  WrittenView as WrittenViewSchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type MarkerQueue = Static<typeof MarkerQueueSchema>;
export type MarkerScript = Static<typeof MarkerScriptSchema>;
export type MarkBody = Static<typeof MarkBodySchema>;
export type MarkReceipt = Static<typeof MarkReceiptSchema>;
export type PlanBody = Static<typeof PlanBodySchema>;
export type PlanView = Static<typeof PlanViewSchema>;
export type WrittenView = Static<typeof WrittenViewSchema>;
export type MarkingAppealBody = Static<typeof MarkingAppealBodySchema>;
export type MarkingAppealCase = Static<typeof MarkingAppealCaseSchema>;
export type MarkingAppealDecisionBody = Static<typeof MarkingAppealDecisionBodySchema>;
export type MarkingAppealQueue = Static<typeof MarkingAppealQueueSchema>;
export type MarkingAppealView = Static<typeof MarkingAppealViewSchema>;

const seg = encodeURIComponent;

/** Written work (issue 18): blind marking, the sitting's plan and the candidate's view. Server-side only. */
export function markingApi(event: ApiEvent) {
  return {
    queue: () => callApi<MarkerQueue>(event, 'GET', '/api/marking/scripts'),
    script: (code: string) => callApi<MarkerScript>(event, 'GET', `/api/marking/scripts/${seg(code)}`),
    mark: (code: string, body: MarkBody) =>
      callApi<MarkReceipt>(event, 'POST', `/api/marking/scripts/${seg(code)}/marks`, { body }),
    plan: (sittingId: string) => callApi<PlanView>(event, 'GET', `/api/admin/sittings/${seg(sittingId)}/marking`),
    createPlan: (sittingId: string, body: PlanBody) =>
      callApi<PlanView>(event, 'POST', `/api/admin/sittings/${seg(sittingId)}/marking`, { body }),
    reveal: (sittingId: string) =>
      callApi<PlanView>(event, 'POST', `/api/admin/sittings/${seg(sittingId)}/marking/reveal`, { body: {} }),
    written: (attemptId: string) => callApi<WrittenView>(event, 'GET', `/api/attempts/${seg(attemptId)}/written`),
    handOutLate: (sittingId: string) =>
      callApi<PlanView>(event, 'POST', `/api/admin/sittings/${seg(sittingId)}/marking/late`, { body: {} }),
    appeal: (attemptId: string, body: MarkingAppealBody) =>
      callApi<MarkingAppealView>(event, 'POST', `/api/attempts/${seg(attemptId)}/written/appeals`, { body }),
    appeals: () => callApi<MarkingAppealQueue>(event, 'GET', '/api/marking/appeals'),
    appealCase: (code: string) => callApi<MarkingAppealCase>(event, 'GET', `/api/marking/appeals/${seg(code)}`),
    decide: (code: string, body: MarkingAppealDecisionBody) =>
      callApi<MarkingAppealCase>(event, 'POST', `/api/marking/appeals/${seg(code)}/decision`, { body }),
  };
}
