import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors } from '../../schemas';
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
  const tags = ['blueprints'];
  const config = { access: STAFF };

  app.get(
    '/api/blueprints',
    {
      config,
      schema: {
        tags,
        summary: 'List blueprints',
        querystring: BlueprintListQuery,
        response: { 200: Type.Array(BlueprintView), ...errors(400, 401, 403) },
      },
    },
    async (request) => blueprints.list(request.query.archived),
  );

  app.post(
    '/api/blueprints',
    {
      config,
      schema: {
        tags,
        summary: 'Create a blueprint',
        body: BlueprintBody,
        response: { 201: BlueprintView, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => reply.status(201).send(await blueprints.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/blueprints/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A blueprint',
        params: BlueprintParams,
        response: { 200: BlueprintView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => blueprints.get(request.params.id),
  );

  app.put(
    '/api/blueprints/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change a blueprint (its revision goes up)',
        params: BlueprintParams,
        body: BlueprintBody,
        response: { 200: BlueprintView, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => blueprints.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/blueprints/:id/archive',
    {
      config,
      schema: {
        tags,
        summary: 'Archive or restore a blueprint',
        params: BlueprintParams,
        body: ArchiveBody,
        response: { 200: BlueprintView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => blueprints.setArchived(actorOf(request), request.params.id, request.body.archived),
  );

  app.get(
    '/api/blueprints/:id/feasibility',
    {
      config,
      schema: {
        tags,
        summary: 'Whether enough approved questions exist, per section and language',
        params: BlueprintParams,
        querystring: FeasibilityQuery,
        response: { 200: FeasibilityResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => blueprints.feasibility(request.params.id, request.query.languages),
  );

  app.get(
    '/api/blueprints/:id/preview',
    {
      config,
      schema: {
        tags,
        summary: 'The sample paper a seed draws (the same seed always gives the same paper)',
        params: BlueprintParams,
        querystring: PreviewQuery,
        response: { 200: PaperPreviewResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return blueprints.preview(request.params.id, request.query.seed);
    },
  );
};
