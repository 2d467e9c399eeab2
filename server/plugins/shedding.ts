import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BusyError } from '../errors';
import type { Access } from '../modules/auth/access';

/**
 * Public reads that exam day needs and that stay served under load: the health check (a balancer taking a busy
 * process out would only load the others), what every page asks first, sign-in, and the admission ticket.
 */
const KEPT_UNDER_LOAD = ['/api/health', '/api/meta', '/api/auth', '/api/tickets'];

/** How often the event loop's delay is read: a burst is noticed within this, and so is its end. */
export const SHED_SAMPLE_MS = 500;

/**
 * Whether a route is turned away first when the server is busy: a public read (anyone's GET of the register,
 * a pass list, statistics, the log), which a reader can repeat a few seconds later at no cost to anyone. Nothing
 * that needs a session is: a candidate's start, saves, submit and own result, and staff work, all go on.
 */
export function shedUnderLoad(route: { method: string; url: string | undefined; access: Access | undefined }): boolean {
  const { method, url, access } = route;
  if ((method !== 'GET' && method !== 'HEAD') || access !== 'public' || !url?.startsWith('/api/')) return false;
  return !KEPT_UNDER_LOAD.some((kept) => url === kept || url.startsWith(`${kept}/`));
}

/**
 * Load shedding (issue 16): while the event loop's mean delay over the last sample is above `maxEventLoopDelayMs`,
 * the routes `shedUnderLoad` names answer 503 BUSY with a Retry-After, before their session or body is read;
 * every other request is served as usual. @fastify/under-pressure measures; this decides per route.
 * Registered before the auth plugin, so a turned-away read costs no session query.
 */
export default fp(
  async function sheddingPlugin(
    app: FastifyInstance,
    options: { maxEventLoopDelayMs: number; retryAfterSeconds: number },
  ) {
    if (options.maxEventLoopDelayMs <= 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      sampleInterval: SHED_SAMPLE_MS,
      // Resolving lets the request go on; rejecting hands the error to the errors plugin (503 and Retry-After).
      pressureHandler: async (request) => {
        const route = {
          method: request.method,
          url: request.routeOptions.url,
          access: request.routeOptions.config.access,
        };
        if (shedUnderLoad(route)) throw new BusyError(options.retryAfterSeconds);
      },
    });
  },
  { name: 'shedding', dependencies: ['errors'] },
);
