import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { ForbiddenError, TwoFactorRequiredError, UnauthenticatedError } from '../errors';
import type { Access } from '../modules/auth/access';
import { PasswordChangeRequiredError } from '../modules/auth/account-errors';
import type { AuthService, AuthState } from '../modules/auth/auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, or null for an anonymous request. */
    auth: AuthState | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Open to an account that must still change an administrator's initial password (the change itself). */
    beforePasswordChange?: boolean;
  }
  interface FastifyInstance {
    /** Every API route with its declared access: the source of the authorisation matrix test. */
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

/** Every API route must say who may call it; a route without `access` is a bug caught at start-up. */
export function assertRouteDeclaresAccess(url: string, access: Access | undefined): void {
  if (url.startsWith('/api/') && url !== '/api/docs' && !url.startsWith('/api/docs/') && access === undefined) {
    throw new Error(`Route ${url} does not declare config.access`);
  }
}

export default fp(
  async function authPlugin(app: FastifyInstance, options: { config: Config; auth: AuthService }) {
    const { config, auth } = options;
    await app.register(cookie);
    app.decorateRequest('auth', null);

    app.decorate('apiRoutes', [] as ApiRoute[]);
    app.addHook('onRoute', (route) => {
      assertRouteDeclaresAccess(route.url, route.config?.access);
      const access = route.config?.access;
      if (!route.url.startsWith('/api/') || access === undefined) return;
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
      }
    });

    app.addHook('onRequest', async (request) => {
      // Pages go to SvelteKit, which asks the API who is signed in; looking here too would be a wasted query.
      if (!request.url.startsWith('/api/')) return;
      const token = request.cookies[config.session.cookieName];
      request.auth = token ? await auth.validateSession(token) : null;
    });

    // An answer that depends on who asks must never be kept by a shared cache or the browser's history:
    // every route that needs a session, and the sign-in family that hands sessions out and reports on them.
    // Public answers (register, log, statistics) keep the caching their routes chose.
    app.addHook('onSend', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return;
      const access = request.routeOptions.config?.access;
      if ((access !== undefined && access !== 'public') || request.url.startsWith('/api/auth/')) {
        reply.header('cache-control', 'no-store');
      }
    });

    // Checked before the body is read or validated: a caller who may not use a route must get 401/403,
    // not a validation error that describes the route's input, and must not cost us a body parse.
    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      if (access === undefined || access === 'public') return;
      const state = request.auth;
      if (!state) throw new UnauthenticatedError('Sign in first.');
      if (access === 'session') return;
      if (!state.twoFactorVerified) throw new TwoFactorRequiredError('Complete two-factor sign-in first.');
      if (!access.includes(state.user.role)) throw new ForbiddenError('Your role does not allow this.');
      if (state.user.mustChangePassword && !request.routeOptions.config.beforePasswordChange) {
        throw new PasswordChangeRequiredError();
      }
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  // No Max-Age: the cookie dies with the browser, which matters on shared exam-centre computers.
  reply.setCookie(config.session.cookieName, token, {
    path: '/',
    httpOnly: true,
    secure: config.session.secureCookie,
    sameSite: 'lax',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(config.session.cookieName, {
    path: '/',
    httpOnly: true,
    secure: config.session.secureCookie,
    sameSite: 'lax',
  });
}
