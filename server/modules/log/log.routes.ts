import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { logEntrySchema } from '../../core/log-entry-schema';
import { errors } from '../../schemas';
import type { LogService } from './log.service';
import {
  CheckpointListQuery,
  CheckpointListResponse,
  ConsistencyQuery,
  ConsistencyResponse,
  EntryListQuery,
  EntryListResponse,
  EntryParams,
  LogEntryResponse,
  LogInfoResponse,
} from './log.schemas';

/** Anyone, anywhere, may fetch and check the log: it is public by purpose. */
function openToAll(reply: FastifyReply): FastifyReply {
  return reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
}

export const logRoutes: FastifyPluginAsyncTypebox<{ log: LogService }> = async (app, { log }) => {
  // The C2SP tlog-tiles paths, for standard verifiers such as Go's sumdb/tlog.
  app.get('/log/checkpoint', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const checkpoint = await log.latestCheckpoint();
    if (!checkpoint) return reply.status(404).type('text/plain; charset=utf-8').send('The log is empty.\n');
    return openToAll(reply).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(checkpoint.note);
  });

  // The entry schema, so that anyone can build a monitor of the entries without our code.
  app.get('/log/schema', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    openToAll(reply)
      .header('cache-control', 'public, max-age=3600')
      .type('application/schema+json; charset=utf-8')
      .send(JSON.stringify(logEntrySchema, null, 2)),
  );

  app.get('/log/verifier-key', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    openToAll(reply).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(`${log.verifierKey}\n`),
  );

  app.get('/log/tile/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.slice('/log/'.length).split('?')[0]!;
    const data = await log.tile(path);
    if (!data) return reply.status(404).type('text/plain; charset=utf-8').send('No such tile.\n');
    // A tile's bytes at a given width never change, so it may be cached anywhere for good.
    return openToAll(reply)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('application/octet-stream')
      .send(Buffer.from(data));
  });

  app.get(
    '/api/log',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: "The log's origin, verifier key and latest checkpoint",
        response: { 200: LogInfoResponse },
      },
    },
    async (_request, reply) => {
      openToAll(reply);
      return { origin: log.origin, verifierKey: log.verifierKey, checkpoint: await log.latestCheckpoint() };
    },
  );

  app.get(
    '/api/log/entries',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: 'The latest entries, newest first (index, type, time, leaf hash)',
        querystring: EntryListQuery,
        response: { 200: EntryListResponse, ...errors(400) },
      },
    },
    async (request, reply) => {
      openToAll(reply);
      return log.entries(request.query);
    },
  );

  app.get(
    '/api/log/entries/:index',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: 'An entry with its inclusion proof against the latest checkpoint',
        params: EntryParams,
        response: { 200: LogEntryResponse, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      openToAll(reply);
      return log.entryWithProof(request.params.index);
    },
  );

  app.get(
    '/api/log/consistency',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: 'A consistency proof between two tree sizes',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyResponse, ...errors(400) },
      },
    },
    async (request, reply) => {
      openToAll(reply);
      return log.consistency(request.query.from, request.query.to);
    },
  );

  app.get(
    '/api/log/checkpoints',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: 'Every signed checkpoint, newest first',
        querystring: CheckpointListQuery,
        response: { 200: CheckpointListResponse, ...errors(400) },
      },
    },
    async (request, reply) => {
      openToAll(reply);
      const items = await log.checkpoints(request.query);
      const last = items.at(-1);
      return { items, nextCursor: items.length === request.query.limit && last ? last.size : null };
    },
  );
};
