import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** A request slower than this is logged at warn, whatever the level. */
export const SLOW_REQUEST_MS = 1_000;

/**
 * One log line per request, and only where it is worth reading at the default level: a failed (5xx)
 * or slow request at warn, every other one at debug. Fastify's own request logging (two info lines
 * for each request, `logController` in app.ts) cost the exam-day server a share of its one
 * thread at thousands of autosaves a second; a reverse proxy keeps the access log.
 */
export default fp(
  async function requestLogPlugin(app: FastifyInstance) {
    const everything = app.log.level === 'debug' || app.log.level === 'trace';
    app.addHook('onResponse', async (request, reply) => {
      const failed = reply.statusCode >= 500;
      const slow = reply.elapsedTime >= SLOW_REQUEST_MS;
      if (!failed && !slow && !everything) return;
      const line = {
        method: request.method,
        route: request.routeOptions.url ?? null,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime),
      };
      if (failed || slow) request.log.warn(line, failed ? 'request failed' : 'slow request');
      else request.log.debug(line, 'request completed');
    });
  },
  { name: 'request-log' },
);
