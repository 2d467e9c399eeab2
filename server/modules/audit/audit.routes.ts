import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { sendCsv } from '../documents/download';
import { Type, type TSchema } from '@sinclair/typebox';
import { actorOf } from '../../actor';
import { ADMINISTRATORS } from '../auth/access';
import { AuditExportQuery, AuditListResponse, AuditQuery } from './audit.schemas';
import type { AuditLogService } from './audit.service';

const CsvResponse = {
  description: 'The filtered log as CSV (UTF-8 with a byte-order mark, CRLF), newest first',
  content: { 'text/csv': { schema: Type.String() } },
} as unknown as TSchema;

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditLogService }> = async (app, { audit }) => {
  const operation = operations({ tags: ['administration'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/audit',
    operation({
      summary: 'Search the append-only audit log, newest first, a keyset page at a time',
      querystring: AuditQuery,
      response: { 200: AuditListResponse },
    }),
    async (request) => audit.list(request.query),
  );

  app.get(
    '/api/admin/audit.csv',
    operation({
      summary: 'Export the filtered audit log as CSV, streamed (the export is audited)',
      querystring: AuditExportQuery,
      response: { 200: CsvResponse },
    }),
    async (request, reply) => {
      const stream = await audit.exportCsv(actorOf(request), request.query);
      return sendCsv(reply, 'imtahan-audit-log.csv', stream);
    },
  );
};
