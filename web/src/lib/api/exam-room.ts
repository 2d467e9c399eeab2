import type { Static } from '@sinclair/typebox';
import type { AttemptDeadlineView } from '$api-types';
import { browserApi } from './browser';
import type { AttemptView, ResultView, SaveAck, SaveAnswerBody } from './exam';

export type AttemptDeadline = Static<typeof AttemptDeadlineView>;

/**
 * One attempt as the exam room calls it from the browser: autosave, submit and the polls. The pages'
 * loads use `examApi` on the server instead; this is the same API, typed the same way.
 */
export function examRoomApi(attemptId: string) {
  const attempt = `/api/attempts/${encodeURIComponent(attemptId)}`;
  return {
    save: (body: SaveAnswerBody) => browserApi<SaveAck>('PUT', `${attempt}/answers`, body),
    submit: () => browserApi<ResultView>('POST', `${attempt}/submit`, {}),
    attempt: () => browserApi<AttemptView>('GET', attempt),
    result: () => browserApi<ResultView>('GET', `${attempt}/result`),
    deadline: () => browserApi<AttemptDeadline>('GET', `${attempt}/deadline`),
  };
}
