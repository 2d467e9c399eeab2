import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config';
import { errors } from '../../schemas';
import { ANY_ROLE } from './access';
import {
  ChangePasswordBody,
  ChangePasswordResponse,
  ResetLinkResponse,
  ResetPasswordBody,
  ResetRequestBody,
  ResetTokenParams,
  SignOutOthersResponse,
} from './account.schemas';
import type { AccountService } from './account.service';
import { OkResponse } from './auth.schemas';
import { perMinuteLimit, retryAfterLockOut } from './limits';

export const accountRoutes: FastifyPluginAsyncTypebox<{ account: AccountService; config: Config }> = async (
  app,
  { account, config },
) => {
  const limited = perMinuteLimit(config);
  const meta = (ip: string) => ({ ip });

  app.addHook('onError', retryAfterLockOut);

  app.post(
    '/api/account/password',
    {
      config: { access: ANY_ROLE, rateLimit: limited, beforePasswordChange: true },
      schema: {
        tags: ['account'],
        summary: 'Change your password (the current one is required); your other sessions end',
        body: ChangePasswordBody,
        response: { 200: ChangePasswordResponse, ...errors(400, 401, 403, 413, 429) },
      },
    },
    async (request) => ({
      ok: true as const,
      ...(await account.changePassword(request.auth!, request.body, meta(request.ip))),
    }),
  );

  app.post(
    '/api/account/sessions/sign-out-others',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['account'],
        summary: 'End every session of your account but this one',
        response: { 200: SignOutOthersResponse, ...errors(401, 403) },
      },
    },
    async (request) => account.signOutOthers(request.auth!, meta(request.ip)),
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Send a password reset link to this address, if an account has it',
        description: 'The answer is the same whether or not an account has the address.',
        body: ResetRequestBody,
        response: { 202: OkResponse, ...errors(400, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      await account.requestReset(request.body.email, meta(request.ip));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.get(
    '/api/auth/password-reset/:token',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Whether a reset link still works',
        params: ResetTokenParams,
        response: { 200: ResetLinkResponse, ...errors(400, 429) },
      },
    },
    async (request) => ({ valid: await account.resetLinkWorks(request.params.token) }),
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password through a reset link (once); every session of the account ends',
        body: ResetPasswordBody,
        response: { 200: OkResponse, ...errors(400, 403, 413, 429) },
      },
    },
    async (request) => {
      await account.completeReset(request.body.token, request.body.password, meta(request.ip));
      return { ok: true as const };
    },
  );
};
