import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { ADMINISTRATORS } from '../auth/access';
import { AttemptParams } from './attempts.schemas';
import {
  AcceptUnsentBody,
  InspectUnsentBody,
  UnsentAcceptance,
  UnsentInspection,
  UnsentKeyView,
} from './unsent-answers.schemas';
import { actorOf } from '../../actor';
import type { AttemptsService } from './attempts.service';
import type { UnsentAnswersService } from './unsent-answers.service';

export const unsentAnswersRoutes: FastifyPluginAsyncTypebox<{
  unsent: UnsentAnswersService;
  attempts: AttemptsService;
}> = async (app, { unsent, attempts }) => {
  const operation = operations({ tags: ['attempts'], access: ADMINISTRATORS });

  app.get(
    '/api/attempts/:id/unsent-key',
    operation({
      access: ['applicant'],
      summary: 'The key my exam room signs a file of unsent answers with (bound to this attempt)',
      params: AttemptParams,
      response: { 200: UnsentKeyView },
    }),
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return unsent.key(request.auth!.user.id, request.params.id);
    },
  );

  app.post(
    '/api/admin/attempts/:id/unsent-answers/inspect',
    operation({
      summary: "Check a candidate's file of unsent answers against the attempt and its stored answers",
      params: AttemptParams,
      body: InspectUnsentBody,
      response: { 200: UnsentInspection },
    }),
    async (request) => unsent.inspect(request.params.id, request.body.file),
  );

  app.post(
    '/api/admin/attempts/:id/unsent-answers/accept',
    operation({
      summary:
        "Accept a candidate's file of unsent answers into the closed attempt under the local-incident rule, and score it again (audited)",
      params: AttemptParams,
      body: AcceptUnsentBody,
      response: { 200: UnsentAcceptance },
      errors: [409, 422],
    }),
    async (request) =>
      attempts.acceptUnsent(actorOf(request), request.params.id, request.body.file, request.body.reason),
  );
};
