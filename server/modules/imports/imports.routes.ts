import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../actor';
import { rejectedImport } from '../../http/rejected-import';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import { IMPORT_CONTENT_MAX, ImportAccepted, ImportBody, ImportRejected } from './imports.schemas';
import type { ImportKind, ImportsService } from './imports.service';

/** Room for the file's text in its JSON string (escapes can double it) and the rest of the body. */
const BODY_LIMIT = 2 * IMPORT_CONTENT_MAX + 64 * 1024;

const SUMMARIES: Record<ImportKind, string> = {
  candidates: "Import applicants' accounts from CSV (national_id, full_name, email, language): all or none",
  bookings: 'Import bookings from CSV (national_id, sitting, room): all or none, within each room’s seats',
};

export const importsRoutes: FastifyPluginAsyncTypebox<{ imports: ImportsService }> = async (app, { imports }) => {
  for (const kind of ['candidates', 'bookings'] as const) {
    app.post(
      `/api/admin/imports/${kind}`,
      {
        bodyLimit: BODY_LIMIT,
        config: { access: ADMINISTRATORS },
        schema: {
          tags: ['administration'],
          summary: SUMMARIES[kind],
          description:
            'With dryRun the file is checked and nothing is written. Otherwise it is checked again and written in one ' +
            'transaction; the answer says which by dryRun (one success status, as on every route). A file with any ' +
            'problem answers 422 with every problem by line and adds nothing.',
          body: ImportBody,
          response: {
            200: ImportAccepted,
            422: ImportRejected,
            ...errors(400, 401, 403, 409, 413),
          },
        },
      },
      async (request, reply) => {
        const { content, dryRun } = request.body;
        const result = await imports[kind](actorOf(request), content, dryRun);
        if (!result.ok) {
          return reply.status(422).send(rejectedImport(result.problems));
        }
        const { ok: _ok, ...accepted } = result;
        return reply.status(200).send(accepted);
      },
    );
  }
};
