import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { Type } from '@sinclair/typebox';
import { STAFF } from '../auth/access';
import { actorOf } from '../../actor';
import {
  ArchiveBody,
  BlueprintBody,
  BlueprintListQuery,
  BlueprintParams,
  BlueprintView,
  FeasibilityQuery,
  FeasibilityResponse,
  PaperPreviewResponse,
  PreviewQuery,
} from './blueprints.schemas';
import type { BlueprintsService } from './blueprints.service';

export const blueprintsRoutes: FastifyPluginAsyncTypebox<{ blueprints: BlueprintsService }> = async (
  app,
  { blueprints },
) => {
  const operation = operations({ tags: ['blueprints'], access: STAFF });

  app.get(
    '/api/blueprints',
    operation({
      summary: 'List blueprints',
      querystring: BlueprintListQuery,
      response: { 200: Type.Array(BlueprintView) },
    }),
    async (request) => blueprints.list(request.query.archived),
  );

  app.post(
    '/api/blueprints',
    operation({
      summary: 'Create a blueprint',
      body: BlueprintBody,
      response: { 201: BlueprintView },
      errors: [413],
    }),
    async (request, reply) => reply.status(201).send(await blueprints.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/blueprints/:id',
    operation({
      summary: 'A blueprint',
      params: BlueprintParams,
      response: { 200: BlueprintView },
    }),
    async (request) => blueprints.get(request.params.id),
  );

  app.put(
    '/api/blueprints/:id',
    operation({
      summary: 'Change a blueprint (its revision goes up)',
      params: BlueprintParams,
      body: BlueprintBody,
      response: { 200: BlueprintView },
      errors: [413],
    }),
    async (request) => blueprints.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/blueprints/:id/archive',
    operation({
      summary: 'Archive or restore a blueprint',
      params: BlueprintParams,
      body: ArchiveBody,
      response: { 200: BlueprintView },
    }),
    async (request) => blueprints.setArchived(actorOf(request), request.params.id, request.body.archived),
  );

  app.get(
    '/api/blueprints/:id/feasibility',
    operation({
      summary: 'Whether enough approved questions exist, per section and language',
      params: BlueprintParams,
      querystring: FeasibilityQuery,
      response: { 200: FeasibilityResponse },
    }),
    async (request) => blueprints.feasibility(request.params.id, request.query.languages),
  );

  app.get(
    '/api/blueprints/:id/preview',
    operation({
      summary: 'The sample paper a seed draws (the same seed always gives the same paper)',
      params: BlueprintParams,
      querystring: PreviewQuery,
      response: { 200: PaperPreviewResponse },
      errors: [409],
      cache: 'no-store',
    }),
    async (request) => blueprints.preview(request.params.id, request.query.seed),
  );
};
