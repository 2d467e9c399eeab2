import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
import { actorOf } from '../../actor';
import { ApplicationParams } from './applications.schemas';
import { RoundParams } from './rounds.schemas';
import { ApplicationStages, RoundStages, StageParams, StagePreview, StagesBody } from './stages.schemas';
import type { StagesService } from './stages.service';

export const stagesRoutes: FastifyPluginAsyncTypebox<{ stages: StagesService }> = async (app, { stages }) => {
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  app.get(
    '/api/competitions/rounds/:id/stages',
    operation({
      access: 'public',
      summary: "An announced round's stages with their gates and weights, and every published list of who went through",
      params: RoundParams,
      response: { 200: RoundStages },
    }),
    async (request) => stages.publicRoundStages(request.params.id),
  );

  app.get(
    '/api/applications/:id/stages',
    operation({
      access: APPLICANTS,
      summary: 'My result at each stage of my application, and why I did not go through if I did not',
      params: ApplicationParams,
      response: { 200: ApplicationStages },
    }),
    async (request) => stages.ofApplication(request.auth!.user.id, request.params.id),
  );

  app.get(
    '/api/admin/rounds/:id/stages',
    operation({
      summary: "A round's stages and published lists, drafts too",
      params: RoundParams,
      response: { 200: RoundStages },
    }),
    async (request) => stages.roundStages(request.params.id),
  );

  const roundAction = actionRoutes(app, operation, {
    path: '/api/admin/rounds',
    params: RoundParams,
    view: RoundStages,
  });

  roundAction('stages', {
    method: 'PUT',
    summary: "Set a draft round's ordered stages, each with its gate and weight (fixed at announcement)",
    body: StagesBody,
    errors: [413],
    run: (actor, id, body) => stages.configure(actor, id, body),
  });

  app.get(
    '/api/admin/vacancies/:id/stages/:position',
    operation({
      summary: "A vacancy's stage: its published results, or what its gate would decide now",
      params: StageParams,
      response: { 200: StagePreview },
    }),
    async (request) => stages.preview(request.params.id, request.params.position),
  );

  app.post(
    '/api/admin/vacancies/:id/stages/:position/advance',
    operation({
      summary: 'Advance past a stage: publish who goes through with their stage scores (irreversible)',
      params: StageParams,
      response: { 200: StagePreview },
      errors: [409],
    }),
    async (request) => stages.advance(actorOf(request), request.params.id, request.params.position),
  );
};
