import type { ChangePasswordBody, OutboxResponse, ResetPasswordBody } from '$api-types';
import { callApi, type ApiEvent } from './client';
import type { UserSummary } from './index';

type Ok = { ok: true };
const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

/** Looking after accounts: one's own password and sessions, a forgotten password, and the administrators' tools. */
export function accountApi(event: ApiEvent) {
  return {
    changePassword: (body: ChangePasswordBody) =>
      callApi<Ok & { otherSessionsEnded: number }>(event, 'POST', '/api/account/password', { body }),
    signOutOthers: () => callApi<{ ended: number }>(event, 'POST', '/api/account/sessions/sign-out-others'),
    requestReset: (email: string) =>
      callApi<Ok>(event, 'POST', '/api/auth/password-reset/request', { body: { email } }),
    resetLinkWorks: (token: string) =>
      callApi<{ valid: boolean }>(event, 'GET', `/api/auth/password-reset/${encodeURIComponent(token)}`),
    resetPassword: (body: ResetPasswordBody) => callApi<Ok>(event, 'POST', '/api/auth/password-reset', { body }),
    disable: (id: string, reason: string) =>
      callApi<UserSummary>(event, 'POST', `${user(id)}/disable`, { body: { reason } }),
    enable: (id: string) => callApi<UserSummary>(event, 'POST', `${user(id)}/enable`),
    resetTwoFactor: (id: string) => callApi<UserSummary>(event, 'POST', `${user(id)}/two-factor/reset`),
    outbox: (page: number) => callApi<OutboxResponse>(event, 'GET', '/api/admin/outbox', { query: { page } }),
  };
}
