import type { Role } from '../../../db/schema/index';

/**
 * Who may call a route, declared on every API route and enforced by the auth plugin.
 * - `public`: anyone, signed in or not.
 * - `session`: any signed-in session, even a staff one still waiting for its second factor.
 * - a list of roles: a fully signed-in user (staff past two-factor) holding one of them.
 */
export type Access = 'public' | 'session' | readonly Role[];

export const ANY_ROLE: readonly Role[] = ['applicant', 'examiner', 'administrator', 'invigilator'];
export const APPLICANTS: readonly Role[] = ['applicant'];
/** The question bank's and the commission's people; an invigilator is staff too but reaches only its rooms. */
export const STAFF: readonly Role[] = ['examiner', 'administrator'];
export const ADMINISTRATORS: readonly Role[] = ['administrator'];
/** Exam-day room routes: an invigilator (its assigned rooms only, checked per object) or an administrator. */
export const ROOM_STAFF: readonly Role[] = ['invigilator', 'administrator'];

/** Every account but an applicant's is staff, and staff sign in with a second factor. */
export function isStaff(role: Role): boolean {
  return role !== 'applicant';
}
