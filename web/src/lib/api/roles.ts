import type { SessionResponse } from '$api-types';

export type Role = NonNullable<SessionResponse['user']>['role'];

/** Safe for the browser: no server-only imports. */
export const ROLES: readonly Role[] = ['applicant', 'examiner', 'administrator', 'invigilator'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
