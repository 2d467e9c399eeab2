import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorResponse } from '../schemas';

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
            'The JSON API of imtahan, a transparent civil-service examination system. Mutating requests need a same-origin Origin header; the session travels in an HttpOnly cookie.',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'imtahan_session' } },
        },
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'openapi' },
);
