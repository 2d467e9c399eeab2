import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config';
import { errors } from '../../schemas';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth';
import { UnreadableTextError } from '../../plugins/validation';
import { ANY_ROLE } from './access';
import type { AuthService } from './auth.service';
import { perMinuteLimit, retryAfterLockOut } from './limits';
import {
  OkResponse,
  SecurityNoticeResponse,
  SessionResponse,
  SignInBody,
  SignInResponse,
  SignUpBody,
  TotpCodeBody,
  TwoFactorSetupResponse,
} from './auth.schemas';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; config: Config }> = async (
  app,
  { auth, config },
) => {
  const limited = perMinuteLimit(config);
  const meta = (ip: string) => ({ ip });

  app.addHook('onError', retryAfterLockOut);

  app.post(
    '/api/auth/sign-up',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Register an applicant account and sign in',
        body: SignUpBody,
        response: { 201: SignInResponse, ...errors(400, 403, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      const result = await auth.signUp(request.body, meta(request.ip));
      setSessionCookie(reply, config, result.token);
      return reply.status(201).send({ user: result.user, next: result.next });
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail (or national ID) and password',
        description: 'Staff accounts then need `/api/auth/two-factor/verify` (or set-up) before anything else.',
        body: SignInBody,
        response: { 200: SignInResponse, ...errors(400, 401, 403, 429) },
      },
      // Refused before the handler, but a guess all the same: the audit must show it.
      onError: async (request, _reply, error) => {
        if (error instanceof UnreadableTextError) {
          const body = request.body as { login?: unknown } | undefined;
          await auth.recordRefusedSignIn(body?.login, meta(request.ip));
        }
      },
    },
    async (request, reply) => {
      const result = await auth.signIn(request.body.login, request.body.password, meta(request.ip));
      setSessionCookie(reply, config, result.token);
      return { user: result.user, next: result.next };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'End this session', response: { 200: OkResponse, ...errors(401, 403) } },
    },
    async (request, reply) => {
      await auth.signOut(request.auth!, meta(request.ip));
      clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: SessionResponse } },
    },
    async (request) => ({
      user: request.auth?.user ?? null,
      twoFactorVerified: request.auth?.twoFactorVerified ?? false,
    }),
  );

  app.post(
    '/api/auth/two-factor/setup',
    {
      config: { access: 'session', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment (staff without two-factor)',
        response: { 200: TwoFactorSetupResponse, ...errors(401, 403, 409, 429) },
      },
    },
    async (request) => auth.beginTwoFactorSetup(request.auth!, meta(request.ip)),
  );

  app.post(
    '/api/auth/two-factor/enable',
    {
      config: { access: 'session', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment with a first code',
        body: TotpCodeBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { token } = await auth.enableTwoFactor(request.auth!, request.body.code, meta(request.ip));
      setSessionCookie(reply, config, token);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/two-factor/verify',
    {
      config: { access: 'session', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Complete a staff sign-in with a TOTP code',
        description: 'The session is replaced: the response sets a new session cookie and the old one stops working.',
        body: TotpCodeBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { token } = await auth.verifyTwoFactor(request.auth!, request.body.code, meta(request.ip));
      setSessionCookie(reply, config, token);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/notice',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['auth'],
        summary: 'Failed attempts on this account since its previous sign-in, as told at this sign-in',
        response: { 200: SecurityNoticeResponse, ...errors(401, 403) },
      },
    },
    async (request) => ({ notice: await auth.securityNotice(request.auth!) }),
  );
};
