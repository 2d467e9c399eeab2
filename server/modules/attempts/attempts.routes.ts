import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
import { BoardCandidate } from '../sittings/sittings.schemas';
import type { SittingsService } from '../sittings/sittings.service';
import {
  AnnulBody,
  AttemptParams,
  AttemptView,
  ExtendBody,
  ResultView,
  SaveAck,
  SaveAnswerBody,
} from './attempts.schemas';
import type { AttemptsService } from './attempts.service';

export const attemptsRoutes: FastifyPluginAsyncTypebox<{
  attempts: AttemptsService;
  sittings: SittingsService;
}> = async (app, { attempts, sittings }) => {
  const operation = operations({ tags: ['attempts'], access: APPLICANTS });
  // Nothing about a running exam may be cached anywhere.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/attempts') || request.url.startsWith('/api/admin/attempts'))
      reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/attempts/:id',
    operation({
      summary: 'My paper, my saved answers and the server-side deadline (never a key)',
      params: AttemptParams,
      response: { 200: AttemptView },
      errors: [409],
    }),
    async (request) => attempts.view(request.auth!.user.id, request.params.id),
  );

  app.put(
    '/api/attempts/:id/answers',
    operation({
      summary: 'Autosave one answer; acknowledged only after it is committed',
      params: AttemptParams,
      body: SaveAnswerBody,
      response: { 200: SaveAck },
      errors: [409, 413],
    }),
    async (request) => attempts.save(request.auth!.user.id, request.params.id, request.body),
  );

  const ownAttemptAction = actionRoutes(app, operation, {
    path: '/api/attempts',
    params: AttemptParams,
    view: ResultView,
  });

  ownAttemptAction('submit', {
    summary: 'Submit and get the score at once (idempotent)',
    run: (actor, id) => attempts.submit(actor.id, id),
  });

  app.get(
    '/api/attempts/:id/result',
    operation({
      summary: 'My score: per section and in total, pass or fail',
      params: AttemptParams,
      response: { 200: ResultView },
      errors: [409],
    }),
    async (request) => attempts.result(request.auth!.user.id, request.params.id),
  );

  const attemptAction = actionRoutes(app, operation, {
    path: '/api/admin/attempts',
    params: AttemptParams,
    view: BoardCandidate,
    access: ADMINISTRATORS,
  });

  attemptAction('extend', {
    summary: "Extend one candidate's time during the sitting (audited)",
    body: ExtendBody,
    run: async (actor, id, body) => {
      await attempts.extend(actor, id, body.minutes, body.reason);
      return sittings.boardCandidate(id);
    },
  });

  attemptAction('annul', {
    summary: "Annul a candidate's attempt for a rule breach (audited)",
    body: AnnulBody,
    run: async (actor, id, body) => {
      await attempts.annul(actor, id, body.reason);
      return sittings.boardCandidate(id);
    },
  });
};
