import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../actor';
import { operations } from '../../http/operation';
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
  const operation = operations({ tags: ['administration'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/users',
    operation({ summary: 'List and search accounts', querystring: UserListQuery, response: { 200: UserListResponse } }),
    async (request) => users.list(request.query),
  );

  app.post(
    '/api/admin/users',
    operation({
      summary: 'Create an account (typically staff) with an initial password',
      body: CreateAccountBody,
      response: { 201: UserSummarySchema },
      errors: [409, 413],
    }),
    async (request, reply) =>
      reply.status(201).send(await users.createAccount(actorOf(request), request.body, { initialPassword: true })),
  );

  app.patch(
    '/api/admin/users/:id',
    operation({
      summary: "Change an account's role (ends its sessions)",
      params: UserParams,
      body: ChangeRoleBody,
      response: { 200: UserSummarySchema },
    }),
    async (request) => users.changeRole(actorOf(request), request.params.id, request.body.role),
  );

  app.post(
    '/api/admin/users/:id/disable',
    operation({
      summary: 'Disable an account: its sessions end and it cannot sign in',
      params: UserParams,
      body: DisableAccountBody,
      response: { 200: UserSummarySchema },
      errors: [413],
    }),
    async (request) => users.disable(actorOf(request), request.params.id, request.body.reason.trim()),
  );

  app.post(
    '/api/admin/users/:id/enable',
    operation({ summary: 'Enable a disabled account again', params: UserParams, response: { 200: UserSummarySchema } }),
    async (request) => users.enable(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/users/:id/two-factor/reset',
    operation({
      summary: "Remove a staff member's two-factor: they enrol again at their next sign-in",
      params: UserParams,
      response: { 200: UserSummarySchema },
      errors: [409],
    }),
    async (request) => users.resetTwoFactor(actorOf(request), request.params.id),
  );
};
