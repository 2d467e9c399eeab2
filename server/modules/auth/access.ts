import type { Role } from '../../../db/schema/index';

/**
 * Who may call a route, declared on every API route and enforced by the auth plugin.
 * - `public`: anyone, signed in or not.
 * - `session`: any signed-in session, even a staff one still waiting for its second factor.
 * - a list of roles: a fully signed-in user (staff past two-factor) holding one of them.
 */
export type Access = 'public' | 'session' | readonly Role[];

export const ANY_ROLE: readonly Role[] = ['applicant', 'examiner', 'administrator'];
export const APPLICANTS: readonly Role[] = ['applicant'];
export const STAFF: readonly Role[] = ['examiner', 'administrator'];
export const ADMINISTRATORS: readonly Role[] = ['administrator'];

export function isStaff(role: Role): boolean {
  return STAFF.includes(role);
}
