import type { Static } from '@sinclair/typebox';
import type { ErrorResponse } from '$api-types';

export type ApiError = Static<typeof ErrorResponse>['error'];
export type FieldProblem = NonNullable<ApiError['fields']>[number];

/** An API call's outcome. Status 0: no answer at all (the network, not the API, failed). */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function isApiError(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Reads the API's answer, in the server's pages and in the browser alike: the JSON on success (null when
 * there is none), the API's error otherwise, or one made from the status when the body is not the API's
 * (a proxy's page).
 */
export async function readResponse<T>(response: Response): Promise<ApiResult<T>> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const error: ApiError = isApiError(body)
    ? body.error
    : { code: `HTTP_${response.status}`, message: response.statusText || 'Request failed' };
  return { ok: false, status: response.status, error };
}

/** The first problem the API named: its domain code (`attempt.deadline_passed`) and field, if any. */
export function firstProblem(error: ApiError): { code: string | null; field: string | null } {
  const first = error.fields?.[0];
  return { code: first?.code ?? null, field: first?.field ?? null };
}
