import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { logEntrySchema } from '../../core/log-entry-schema';
import { operations } from '../../http/operation';
import type { LogService } from './log.service';
import type { WitnessService } from './witnesses.service';
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

export const logRoutes: FastifyPluginAsyncTypebox<{ log: LogService; witnesses: WitnessService }> = async (
  app,
  { log, witnesses },
) => {
  const operation = operations({ tags: ['transparency log'], access: 'public' });

  // The C2SP tlog-tiles paths, for standard verifiers such as Go's sumdb/tlog. The checkpoint is the newest one
  // with the quorum of witness cosignatures (LOG_WITNESS_QUORUM), cosignature lines after the log's signature.
  app.get('/log/checkpoint', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const note = await witnesses.servedCheckpoint();
    if (!note) {
      const message = witnesses.quorum > 0 ? "No checkpoint has its witnesses' quorum yet.\n" : 'The log is empty.\n';
      return openToAll(reply)
        .status(404)
        .header('cache-control', 'no-cache')
        .type('text/plain; charset=utf-8')
        .send(message);
    }
    return openToAll(reply).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(note);
  });

  // The newest checkpoint whatever its cosignatures, for a client that applies its own witness policy.
  app.get(
    '/log/checkpoint.latest',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      const note = await witnesses.latestCheckpoint();
      if (!note) return openToAll(reply).status(404).type('text/plain; charset=utf-8').send('The log is empty.\n');
      return openToAll(reply).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(note);
    },
  );

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

  // The API's reads of the log are as open as its paths.
  await app.register(async (context) => {
    const api = context.withTypeProvider<TypeBoxTypeProvider>();
    api.addHook('preHandler', async (_request, reply) => {
      openToAll(reply);
    });

    api.get(
      '/api/log',
      operation({
        summary: "The log's origin, verifier key and latest checkpoint",
        response: { 200: LogInfoResponse },
      }),
      async () => {
        const [checkpoint, witnessList] = await Promise.all([log.latestCheckpoint(), witnesses.statuses()]);
        return {
          origin: log.origin,
          verifierKey: log.verifierKey,
          // With its cosignatures, so the log page shows what witnesses vouched for the newest checkpoint.
          checkpoint: checkpoint && (await witnesses.cosigned(checkpoint)),
          witnessQuorum: witnesses.quorum,
          witnesses: witnessList,
        };
      },
    );

    api.get(
      '/api/log/entries',
      operation({
        summary: 'The latest entries, newest first (index, type, time, leaf hash)',
        querystring: EntryListQuery,
        response: { 200: EntryListResponse },
      }),
      async (request) => log.entries(request.query),
    );

    api.get(
      '/api/log/entries/:index',
      operation({
        summary: 'An entry with its inclusion proof against the latest checkpoint',
        params: EntryParams,
        response: { 200: LogEntryResponse },
      }),
      async (request) => log.entryWithProof(request.params.index),
    );

    api.get(
      '/api/log/consistency',
      operation({
        summary: 'A consistency proof between two tree sizes',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyResponse },
      }),
      async (request) => log.consistency(request.query.from, request.query.to),
    );

    api.get(
      '/api/log/checkpoints',
      operation({
        summary: 'Every signed checkpoint, newest first',
        querystring: CheckpointListQuery,
        response: { 200: CheckpointListResponse },
      }),
      async (request) => {
        const items = await log.checkpoints(request.query);
        const last = items.at(-1);
        return { items, nextCursor: items.length === request.query.limit && last ? last.size : null };
      },
    );
  });
};
