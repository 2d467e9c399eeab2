import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import type { AuditRepository } from './audit.repository';

const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: show entries older than this id' })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditListResponse = Type.Object({
  items: Type.Array(AuditEntrySchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditRepository }> = async (app, { audit }) => {
  app.get(
    '/api/admin/audit',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'Read the append-only audit log, newest first',
        querystring: AuditQuery,
        response: { 200: AuditListResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await audit.list(request.query);
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextCursor: rows.length === request.query.limit && last ? last.id : null,
      };
    },
  );
};
