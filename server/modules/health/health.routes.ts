import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { Db, DbKind } from '../../../db/index';

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({
    kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    ok: Type.Boolean(),
    latencyMs: Type.Number(),
  }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db; dbKind: DbKind }> = async (app, { db, dbKind }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: "The service's and the database's state",
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
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
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'degraded', database: { kind: dbKind, ok, latencyMs } });
    },
  );
};
