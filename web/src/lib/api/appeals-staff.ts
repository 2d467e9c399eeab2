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
    rescoringJobs: () => callApi<Static<typeof RescoringJobListResponse>>(event, 'GET', '/api/admin/rescoring'),
    rescoringJob: (id: string) =>
      callApi<RescoringJobWithChanges>(event, 'GET', `/api/admin/rescoring/${encodeURIComponent(id)}`),
  };
}
