import type { Static } from '@sinclair/typebox';
import type {
  DecisionBody,
  DecisionView,
  QuestionKeySchema,
  QueueGroup,
  QueueResponse,
  RescoringJobDetail,
  RescoringJobListResponse,
  RescoringJobView,
  VersionRecord as VersionRecordSchema,
  AnnulmentAppealQueue,
  AnnulmentAppealStaffView,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type AppealGroup = QueueGroup;
export type QueuedAppeal = AppealGroup['appeals'][number];
export type Decision = DecisionView;
export type DecisionInput = DecisionBody;
export type DecisionOutcome = DecisionBody['outcome'];
export type QuestionKey = Static<typeof QuestionKeySchema>;
export type QueueStatus = 'pending' | 'decided';
export type RescoringJob = RescoringJobView;
export type RescoringJobWithChanges = RescoringJobDetail;
export type RescoringChange = RescoringJobDetail['changes'][number];
export type VersionRecord = Static<typeof VersionRecordSchema>;
export type StaffAnnulmentAppeal = Static<typeof AnnulmentAppealStaffView>;
export type AnnulmentOutcome = 'uphold' | 'reject';

/** The appeal commission's side of appeals: the queue, decisions with four eyes, re-scoring jobs. Server-side only. */
export function appealsStaffApi(event: ApiEvent) {
  return {
    queue: (status: QueueStatus) =>
      callApi<Static<typeof QueueResponse>>(event, 'GET', '/api/appeals/queue', { query: { status } }),
    decide: (versionId: string, body: DecisionInput) =>
      callApi<Decision>(event, 'POST', `/api/appeals/versions/${encodeURIComponent(versionId)}/decision`, { body }),
    confirm: (decisionId: string) =>
      callApi<Decision>(event, 'POST', `/api/appeal-decisions/${encodeURIComponent(decisionId)}/confirm`, {
        body: {},
      }),
    decline: (decisionId: string, reason: string) =>
      callApi<Decision>(event, 'POST', `/api/appeal-decisions/${encodeURIComponent(decisionId)}/decline`, {
        body: { reason },
      }),
    withdraw: (decisionId: string, reason: string) =>
      callApi<Decision>(event, 'POST', `/api/appeal-decisions/${encodeURIComponent(decisionId)}/withdraw`, {
        body: { reason },
      }),
    /** One version's whole record before the commission. */
    record: (versionId: string) =>
      callApi<VersionRecord>(event, 'GET', `/api/appeals/versions/${encodeURIComponent(versionId)}`),
    annulmentAppeals: (status: QueueStatus) =>
      callApi<Static<typeof AnnulmentAppealQueue>>(event, 'GET', '/api/admin/annulment-appeals', {
        query: { status },
      }),
    decideAnnulmentAppeal: (id: string, body: { outcome: AnnulmentOutcome; reason: string }) =>
      callApi<StaffAnnulmentAppeal>(event, 'POST', `/api/admin/annulment-appeals/${encodeURIComponent(id)}/decision`, {
        body,
      }),
    rescoringJobs: () => callApi<Static<typeof RescoringJobListResponse>>(event, 'GET', '/api/admin/rescoring'),
    rescoringJob: (id: string) =>
      callApi<RescoringJobWithChanges>(event, 'GET', `/api/admin/rescoring/${encodeURIComponent(id)}`),
  };
}
