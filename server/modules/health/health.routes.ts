import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { operations } from '../../http/operation';
import type { Db, DbKind } from '../../../db/index';

const HealthResponse = Type.Object({
  /** `starting` (and `stopping`): the process does not serve everything yet, or no longer; a load balancer waits. */
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('starting')]),
  database: Type.Object({
    kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    ok: Type.Boolean(),
    latencyMs: Type.Number(),
  }),
});

/**
 * `ready` says whether the process serves everything (the pages' renderer is loaded, it is not closing):
 * healthy means ready, so a load balancer never sends a request to a process that would answer "Starting up".
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db; dbKind: DbKind; ready: () => boolean }> = async (
  app,
  { db, dbKind, ready },
) => {
  const operation = operations({ tags: ['system'], access: 'public' });

  app.get(
    '/api/health',
    operation({
      summary: "The service's and the database's state",
      response: { 200: HealthResponse, 503: HealthResponse },
    }),
    async (_request, reply) => {
      const started = performance.now();
      let ok = true;
      try {
        await db.execute(sql`select 1`);
      } catch (error) {
        app.log.warn({ err: error }, 'database health check failed');
        ok = false;
      }
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      const status = !ok ? 'degraded' : ready() ? 'ok' : 'starting';
      return reply.status(status === 'ok' ? 200 : 503).send({ status, database: { kind: dbKind, ok, latencyMs } });
    },
  );
};
