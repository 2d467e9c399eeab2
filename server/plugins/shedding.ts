import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

export interface SheddingOptions {
  /** The event loop's mean delay over a sample above which public reads are turned away; 0 for no such limit. */
  maxEventLoopDelayMs: number;
  /** Public reads this process serves at once (until their answer is written out); 0 for no bound. */
  maxPublicReadsInFlight: number;
  retryAfterSeconds: number;
}

/**
 * Load shedding (issue 16). A public read (`shedUnderLoad`) answers 503 BUSY with a Retry-After, before its session
 * or body is read, when this process already serves `maxPublicReadsInFlight` of them, or while the event loop's
 * mean delay is above `maxEventLoopDelayMs`. The bound acts at once, which matters for a burst: the delay is a
 * sample late, and by then a results-day crowd had been let in whole, each with a pass list of 5,000 rows to write.
 * Every other request is served as usual. @fastify/under-pressure measures the loop; this decides per route.
 * Registered before the auth plugin, so a turned-away read costs no session query.
 */
export default fp(
  async function sheddingPlugin(app: FastifyInstance, options: SheddingOptions) {
    const { maxEventLoopDelayMs, maxPublicReadsInFlight, retryAfterSeconds } = options;
    const sheddable = (request: FastifyRequest) =>
      shedUnderLoad({
        method: request.method,
        url: request.routeOptions.url,
        access: request.routeOptions.config.access,
      });

    if (maxEventLoopDelayMs > 0) {
      await app.register(underPressure, {
        maxEventLoopDelay: maxEventLoopDelayMs,
        sampleInterval: SHED_SAMPLE_MS,
        // Resolving lets the request go on; rejecting hands the error to the errors plugin (503 and Retry-After).
        pressureHandler: async (request) => {
          if (sheddable(request)) throw new BusyError(retryAfterSeconds);
        },
      });
    }

    if (maxPublicReadsInFlight > 0) {
      const inFlight = new WeakSet<FastifyRequest>();
      let count = 0;
      const release = (request: FastifyRequest) => {
        if (inFlight.delete(request)) count--;
      };
      app.addHook('onRequest', async (request, reply) => {
        if (!sheddable(request)) return;
        if (count >= maxPublicReadsInFlight) throw new BusyError(retryAfterSeconds);
        inFlight.add(request);
        count++;
        // Written out, failed, or its reader gone before or while it was written: the response closes in every
        // case, and a place held by a reader who left would otherwise be lost for good.
        reply.raw.once('close', () => release(request));
      });
      // Fastify's own end of the request, for what does not close a socket (app.inject's responses).
      app.addHook('onResponse', async (request) => release(request));
    }
  },
  { name: 'shedding', dependencies: ['errors'] },
);
