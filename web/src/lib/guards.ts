import { error, redirect } from '@sveltejs/kit';
import type { Role, SessionUser } from './api';

interface SessionData {
  user: SessionUser | null;
  twoFactorVerified: boolean;
}

/** The page an account with an administrator's initial password is held on until it changes it. */
export const CHANGE_PASSWORD = '/account/password';

function here(url: URL): string {
  return encodeURIComponent(url.pathname + url.search);
}

/** Where a staff member who has passed the password but not the second factor must go next. */
export function secondFactorStep(user: SessionUser, url: URL): string {
  return user.twoFactorEnabled ? `/sign-in/two-factor?redirectTo=${here(url)}` : '/account/two-factor/setup';
}

/** The signed-in user, or a redirect to sign in (or to finish the second factor). */
export function requireUser(session: SessionData, url: URL): SessionUser {
  if (!session.user) redirect(303, `/sign-in?redirectTo=${here(url)}`);
  if (!session.twoFactorVerified) redirect(303, secondFactorStep(session.user, url));
  // An administrator's initial password: nothing but changing it until it is changed (the API refuses the rest).
  if (session.user.mustChangePassword && url.pathname !== CHANGE_PASSWORD) redirect(303, CHANGE_PASSWORD);
  return session.user;
}

/** As requireUser, and the page is refused (403) to other roles. */
export function requireRole(session: SessionData, url: URL, ...roles: Role[]): SessionUser {
  const user = requireUser(session, url);
  if (!roles.includes(user.role)) error(403, { message: 'Forbidden' });
  return user;
}
