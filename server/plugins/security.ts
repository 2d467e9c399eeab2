import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { RateLimitsRepository } from '../modules/auth/rate-limits.repository';
import { databaseRateLimitStore } from './rate-limit-store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A mutating request is accepted only if the browser says it came from this site: Sec-Fetch-Site
 * where the browser sends it, otherwise an Origin that is ours. Requests with neither are refused,
 * since every browser sends Origin on a cross-site POST and our own clients always do.
 */
export function isSameSiteRequest(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin') return true;
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export default fp(
  async function securityPlugin(
    app: FastifyInstance,
    options: { config: Config; rateLimits: RateLimitsRepository; clock: Clock },
  ) {
    await app.register(helmet, {
      // The API serves JSON only; this CSP forbids everything a JSON response could be abused for.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      strictTransportSecurity: options.config.session.secureCookie,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'same-origin' },
    });

    // Limits are opt-in per route (sign-in, sign-up, two-factor), keyed by client address, and counted in
    // the database: every process behind the address shares them (issue 16).
    await app.register(rateLimit, {
      global: false,
      store: databaseRateLimitStore(options.rateLimits, options.clock),
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        code: 'RATE_LIMITED',
        error: 'Too Many Requests',
        message: `Too many attempts. Try again in ${context.after}.`,
      }),
    });

    app.addHook('onRequest', async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
      if (!isSameSiteRequest(request, options.config.allowedOrigins)) {
        return reply.status(403).send({
          error: {
            code: 'CSRF_REJECTED',
            message: 'Cross-site request refused: the Origin header is missing or foreign.',
          },
        });
      }
    });
  },
  { name: 'security' },
);
