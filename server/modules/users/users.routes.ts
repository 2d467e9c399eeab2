import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../actor';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import {
  ChangeRoleBody,
  CreateAccountBody,
  DisableAccountBody,
  UserListQuery,
  UserListResponse,
  UserParams,
  UserSummarySchema,
} from './users.schemas';
import type { UsersService } from './users.service';

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/api/admin/users',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'List and search accounts',
        querystring: UserListQuery,
        response: { 200: UserListResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => users.list(request.query),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'Create an account (typically staff) with an initial password',
        body: CreateAccountBody,
        response: { 201: UserSummarySchema, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await users.createAccount(actorOf(request), request.body, { initialPassword: true })),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: "Change an account's role (ends its sessions)",
        params: UserParams,
        body: ChangeRoleBody,
        response: { 200: UserSummarySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => users.changeRole(actorOf(request), request.params.id, request.body.role),
  );

  app.post(
    '/api/admin/users/:id/disable',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'Disable an account: its sessions end and it cannot sign in',
        params: UserParams,
        body: DisableAccountBody,
        response: { 200: UserSummarySchema, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => users.disable(actorOf(request), request.params.id, request.body.reason.trim()),
  );

  app.post(
    '/api/admin/users/:id/enable',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'Enable a disabled account again',
        params: UserParams,
        response: { 200: UserSummarySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => users.enable(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/users/:id/two-factor/reset',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: "Remove a staff member's two-factor: they enrol again at their next sign-in",
        params: UserParams,
        response: { 200: UserSummarySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => users.resetTwoFactor(actorOf(request), request.params.id),
  );
};
