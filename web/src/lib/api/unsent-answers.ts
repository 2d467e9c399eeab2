import type { Static } from '@sinclair/typebox';
import type { UnsentAcceptance, UnsentInspection } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type Inspection = Static<typeof UnsentInspection>;
export type Acceptance = Static<typeof UnsentAcceptance>;

const base = (attemptId: string) => `/api/admin/attempts/${encodeURIComponent(attemptId)}/unsent-answers`;

/** A candidate's file of unsent answers, checked and accepted by an administrator. Server-side only. */
export function unsentAnswersApi(event: ApiEvent) {
  return {
    inspect: (attemptId: string, file: string) =>
      callApi<Inspection>(event, 'POST', `${base(attemptId)}/inspect`, { body: { file } }),
    accept: (attemptId: string, file: string, reason: string) =>
      callApi<Acceptance>(event, 'POST', `${base(attemptId)}/accept`, { body: { file, reason } }),
  };
}
