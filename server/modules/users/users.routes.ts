import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../actor';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import {
  ChangeRoleBody,
  CreateAccountBody,
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
    async (request, reply) => reply.status(201).send(await users.createAccount(actorOf(request), request.body)),
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
};
