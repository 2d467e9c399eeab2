import { callApi, type ApiEvent } from '$lib/api/client';

/**
 * The attempt's key for signing a file of unsent answers, read by the page's server load while the
 * line works, so the room can still make the file when it no longer does. Null if refused: the
 * room then only lists what was unsent.
 */
export async function unsentKey(event: ApiEvent, attemptId: string): Promise<string | null> {
  const response = await callApi<{ signingKey: string }>(
    event,
    'GET',
    `/api/attempts/${encodeURIComponent(attemptId)}/unsent-key`,
  );
  return response.ok ? response.data.signingKey : null;
}
