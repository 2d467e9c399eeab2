import type { CheckpointListResponse, ConsistencyResponse, LogEntryResponse, LogInfoResponse } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type LogInfo = LogInfoResponse;
export type LogEntry = LogEntryResponse;
export type LogCheckpoint = NonNullable<LogInfoResponse['checkpoint']>;
export type CheckpointList = CheckpointListResponse;
export type SignedCheckpoint = CheckpointListResponse['items'][number];
export type Consistency = ConsistencyResponse;

/** The transparency log's JSON API, as this browser's request may call it. Use only from server-side code. */
export function logApi(event: ApiEvent) {
  return {
    info: () => callApi<LogInfo>(event, 'GET', '/api/log'),
    entry: (index: number) => callApi<LogEntry>(event, 'GET', `/api/log/entries/${index}`),
    checkpoints: (query: { before?: number | undefined; limit?: number }) =>
      callApi<CheckpointList>(event, 'GET', '/api/log/checkpoints', { query }),
    consistency: (from: number, to: number) =>
      callApi<Consistency>(event, 'GET', '/api/log/consistency', { query: { from, to } }),
  };
}
