import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { compressResponse } from './web-compress';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Hands every request outside /api to SvelteKit's adapter-node handler. The handler arrives
 * after the server listens (it needs the API's address), so until then pages answer 503.
 * Registered without fastify-plugin: its "parse nothing" content-type rule must not leak to the API,
 * since SvelteKit reads form bodies from the raw stream itself.
 */
export async function webPlugin(app: FastifyInstance, options: { handler: () => NodeHandler | null }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.route({
    method: [...METHODS],
    url: '/api/*',
    config: { access: 'public' },
    handler: (request, reply) =>
      reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` } }),
  });

  app.route({
    method: [...METHODS],
    url: '/*',
    handler: (request, reply) => {
      const handler = options.handler();
      if (!handler) return reply.status(503).header('retry-after', '1').send('Starting up');
      reply.hijack();
      // Overwritten, not trusted from the client: Fastify has already applied TRUST_PROXY to these.
      request.raw.headers['x-forwarded-proto'] = request.protocol;
      request.raw.headers['x-forwarded-host'] = request.host;
      request.raw.headers['x-real-ip'] = request.ip;
      // Pages on a slow line: HTML compressed on the fly, assets precompressed at build (issue 13).
      compressResponse(request.raw, reply.raw);
      handler(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.end('Not found');
      });
    },
  });
}
