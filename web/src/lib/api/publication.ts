import type { AdminResultsResponse } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type AdminResults = AdminResultsResponse;
export type AdminResult = AdminResults['results'][number];
export type HeldAttempt = AdminResults['held'][number];
export type ResultStatistics = AdminResults['statistics'];

const sitting = (id: string) => `/api/admin/sittings/${encodeURIComponent(id)}`;

/** Publishing a sitting's results and reading them as an administrator. Server-side only. */
export function publicationApi(event: ApiEvent) {
  return {
    results: (sittingId: string) => callApi<AdminResults>(event, 'GET', `${sitting(sittingId)}/results`),
    publish: (sittingId: string) =>
      callApi<AdminResults>(event, 'POST', `${sitting(sittingId)}/publish-results`, { body: {} }),
    releaseHold: (attemptId: string, reason: string) =>
      callApi<AdminResults>(event, 'POST', `/api/admin/attempts/${encodeURIComponent(attemptId)}/release-hold`, {
        body: { reason },
      }),
  };
}

/** The publication section of a finished sitting's page. */
export interface PublicationState {
  /** The results as they stand (published or not); null when they could not be read. */
  results: AdminResults | null;
  /** Set after a publication, for the notice. */
  justPublished: boolean;
}
