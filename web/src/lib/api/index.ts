import type { Static } from '@sinclair/typebox';
import type {
  CreateAccountBody,
  DemoAccountView,
  MetaResponse,
  SessionResponse,
  SignInBody,
  SignInResponse,
  SignUpBody,
  TwoFactorSetupResponse,
  UserListResponse,
  UserSummarySchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';
import type { Role } from './roles';

export { ROLES, isRole, type Role } from './roles';

export type { ApiError, ApiEvent, ApiResult, FieldProblem } from './client';

export type SessionUser = NonNullable<SessionResponse['user']>;
export type UserSummary = Static<typeof UserSummarySchema>;
export type DemoAccount = DemoAccountView;
export type { SessionResponse, SignInResponse, TwoFactorSetupResponse, UserListResponse };

/** GET /api/meta: demo mode, the accepted national IDs, the languages. */
export type Meta = MetaResponse;

type Ok = { ok: true };

/** The API, as this browser's request may call it. Use only from server-side code. */
export function api(event: ApiEvent) {
  return {
    meta: () => callApi<Meta>(event, 'GET', '/api/meta'),
    session: () => callApi<SessionResponse>(event, 'GET', '/api/auth/session'),
    signUp: (body: SignUpBody) => callApi<SignInResponse>(event, 'POST', '/api/auth/sign-up', { body }),
    signIn: (body: SignInBody) => callApi<SignInResponse>(event, 'POST', '/api/auth/sign-in', { body }),
    signOut: () => callApi<Ok>(event, 'POST', '/api/auth/sign-out'),
    beginTwoFactorSetup: () => callApi<TwoFactorSetupResponse>(event, 'POST', '/api/auth/two-factor/setup'),
    enableTwoFactor: (code: string) => callApi<Ok>(event, 'POST', '/api/auth/two-factor/enable', { body: { code } }),
    verifyTwoFactor: (code: string) => callApi<Ok>(event, 'POST', '/api/auth/two-factor/verify', { body: { code } }),
    demoAccounts: () => callApi<DemoAccount[]>(event, 'GET', '/api/demo/accounts'),
    listUsers: (query: { q?: string; role?: Role; after?: string; limit?: number }) =>
      callApi<UserListResponse>(event, 'GET', '/api/admin/users', { query }),
    createAccount: (body: CreateAccountBody) => callApi<UserSummary>(event, 'POST', '/api/admin/users', { body }),
    changeRole: (id: string, role: Role) =>
      callApi<UserSummary>(event, 'PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body: { role } }),
  };
}
