import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Access } from '../modules/auth/access';
import { ErrorResponse } from '../schemas';

type SecurityRequirement = Record<string, string[]>;

/**
 * An operation's security, from the access rule the auth plugin enforces: a public route takes a session if
 * one comes (some answer differently to a signed-in caller), every other route needs one; OpenAPI 3.1 lets an
 * API-key requirement list the roles it needs.
 */
export function securityOf(access: Access | undefined): SecurityRequirement[] {
  if (access === undefined || access === 'public') return [{}, { session: [] }];
  if (access === 'session') return [{ session: [] }];
  return [{ session: [...access] }];
}

/** `GET /api/questions/{id}/versions` → `getQuestionsByIdVersions`: stable, readable and unique per route. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '/')
    .split(/[/.-]+/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split('-'))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

/** Catch-alls (`/api/*` answering 404, `/*` handing over to the pages) are plumbing, not operations. */
const isCatchAll = (url: string) => url.includes('*');

/** OpenAPI 3.1, generated from the routes' own TypeBox schemas, so the document cannot drift from the code. */
export default fp(
  async function openapiPlugin(app: FastifyInstance) {
    app.addSchema(ErrorResponse);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'imtahan API',
          version: '0.1.0',
          description:
            'The JSON API of imtahan, a transparent civil-service examination system. Mutating requests need a same-origin Origin header; the session travels in an HttpOnly cookie. An operation needing a session lists, where it has any, the roles allowed to call it.',
        },
        // Relative: the document describes the server that serves it, wherever it is deployed.
        servers: [{ url: '/', description: 'The server this document came from' }],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'imtahan_session',
              description: 'The session cookie set by `POST /api/auth/login` (staff also pass two-factor).',
            },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        const own = (schema ?? {}) as FastifySchema & { hide?: boolean; operationId?: string };
        const method = [(route as RouteOptions).method].flat()[0] ?? 'GET';
        return {
          url,
          schema: {
            ...own,
            hide: own.hide === true || isCatchAll(url),
            operationId: own.operationId ?? operationIdOf(method, url),
            security: securityOf(route.config?.access),
          } as FastifySchema,
        };
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'openapi' },
);
