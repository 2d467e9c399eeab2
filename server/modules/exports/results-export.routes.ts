import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { Type, type TSchema } from '@sinclair/typebox';
import { actorOf } from '../../actor';
import { Uuid } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import { sendCsv } from '../documents/download';
import { pdfRoute } from '../documents/pdf-route';
import type { ResultsExportService } from './results-export.service';

const SittingParams = Type.Object({ id: Uuid });

const CsvResponse = {
  description: "Every candidate's result with name and national ID (UTF-8 with a byte-order mark, CRLF)",
  content: { 'text/csv': { schema: Type.String() } },
} as unknown as TSchema;

/** A file name from a sitting code: letters, digits and dashes only. */
const fileName = (code: string) => code.replace(/[^A-Za-z0-9-]+/g, '-');

export const resultsExportRoutes: FastifyPluginAsyncTypebox<{ exports: ResultsExportService }> = async (
  app,
  { exports },
) => {
  const operation = operations({ tags: ['results'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/sittings/:id/results.csv',
    operation({
      summary: "A published sitting's results with names and national IDs, as CSV (audited)",
      params: SittingParams,
      response: { 200: CsvResponse },
      errors: [409],
    }),
    async (request, reply) => {
      const { code, csv } = await exports.csv(actorOf(request), request.params.id);
      return sendCsv(reply, `imtahan-results-${fileName(code)}.csv`, csv);
    },
  );

  pdfRoute(app, operation, {
    path: '/api/admin/sittings/:id/pass-list.pdf',
    summary: "A published sitting's pass list with names and national IDs, printable (audited)",
    params: SittingParams,
    errors: [409],
    print: async (request, language) => {
      const { code, pdf } = await exports.passList(actorOf(request), request.params.id, language);
      return { filename: `imtahan-pass-list-${fileName(code)}.pdf`, pdf };
    },
  });
};
