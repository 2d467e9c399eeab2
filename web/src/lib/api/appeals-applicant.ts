import type { Static } from '@sinclair/typebox';
import type {
  AppealListResponse as AppealListSchema,
  AppealView as AppealViewSchema,
  FileAppealBody,
  AnnulmentAppealView,
  AnnulmentStanding as AnnulmentStandingSchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type Appeal = Static<typeof AppealViewSchema>;
export type AppealList = Static<typeof AppealListSchema>;
export type AppealDecision = NonNullable<Appeal['decision']>;
export type AppealOutcome = AppealDecision['outcome'];
export type AppealStatus = Appeal['status'];
export type Official = AppealDecision['decidedBy'];
export type { FileAppealBody };
export type AnnulmentStanding = Static<typeof AnnulmentStandingSchema>;
export type AnnulmentAppeal = Static<typeof AnnulmentAppealView>;

/** The applicant's side of appeals: filing against an item of their own paper, and their own appeals. */
export function applicantAppealsApi(event: ApiEvent) {
  return {
    own: () => callApi<AppealList>(event, 'GET', '/api/appeals'),
    file: (attemptId: string, body: FileAppealBody) =>
      callApi<Appeal>(event, 'POST', `/api/attempts/${encodeURIComponent(attemptId)}/appeals`, { body }),
    /** The annulment of the caller's attempt, whether it may be appealed now, and their appeals against it. */
    annulment: (attemptId: string) =>
      callApi<AnnulmentStanding>(event, 'GET', `/api/attempts/${encodeURIComponent(attemptId)}/annulment`),
    appealAnnulment: (attemptId: string, reason: string) =>
      callApi<AnnulmentAppeal>(event, 'POST', `/api/attempts/${encodeURIComponent(attemptId)}/annulment-appeal`, {
        body: { reason },
      }),
  };
}
