import type { ApiMethod, ApiResult } from './response';
import { readResponse } from './response';

/**
 * Calls the API from the browser, on this origin with the session cookie: the typed client of the pages
 * that talk to the API themselves (the exam room). A request that gets no answer is status 0, so a
 * caller can tell a dropped line from a refusal.
 */
export async function browserApi<T>(method: ApiMethod, path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'UNREACHABLE', message: 'The API could not be reached.' } };
  }
  return readResponse<T>(response);
}
