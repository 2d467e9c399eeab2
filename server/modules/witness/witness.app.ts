/**
 * A C2SP tlog-witness server: `POST /add-checkpoint` cosigns a log's checkpoint only if it is signed by a
 * key the witness trusts for that origin and is consistent with the last checkpoint it cosigned for it.
 * It is its own small Fastify app (run by `npm run witness`), not part of the examination service: any third
 * party can run it against any log that speaks the protocol.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { cosignCheckpoint, cosignerVerifierKey, type CosignerSigner } from '../../core/cosignature';
import { type NoteVerifier } from '../../core/signed-note';
import {
  decideAddCheckpoint,
  formatTreeSize,
  parseAddCheckpointRequest,
  TLOG_SIZE_CONTENT_TYPE,
} from '../../core/tlog-witness';
import type { WitnessStore } from './witness.store';

/** Requests are a few hashes and a checkpoint: anything near this is not one. */
const BODY_LIMIT = 64 * 1024;

export interface WitnessOptions {
  signer: CosignerSigner;
  /** The log keys trusted per origin (a key's name is its log's origin). */
  logs: readonly NoteVerifier[];
  store: WitnessStore;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

export function createWitnessApp(options: WitnessOptions): FastifyInstance {
  const { signer, store } = options;
  const now = options.now ?? (() => new Date());
  const logs = new Map<string, NoteVerifier[]>();
  for (const key of options.logs) logs.set(key.name, [...(logs.get(key.name) ?? []), key]);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT });

  // The body is the protocol's own text format, whatever Content-Type a client labels it with.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        `C2SP tlog-witness ${cosignerVerifierKey(signer.name, signer.privateKey)}\n` +
          [...logs.keys()].map((origin) => `log ${origin}\n`).join(''),
      ),
  );

  app.post('/add-checkpoint', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    let note: string;
    try {
      note = parseAddCheckpointRequest(body).checkpoint;
    } catch (error) {
      return reply
        .status(400)
        .type('text/plain; charset=utf-8')
        .send(`${(error as Error).message}\n`);
    }
    const origin = note.slice(0, Math.max(0, note.indexOf('\n')));
    // A lost compare-and-swap means another request moved the state meanwhile: decide again on the new state.
    for (let attempt = 0; ; attempt++) {
      const previous = logs.has(origin) ? await store.latest(origin) : undefined;
      const decision = decideAddCheckpoint(body, logs, () => previous);
      if (decision.status === 409) {
        return reply.status(409).type(TLOG_SIZE_CONTENT_TYPE).send(formatTreeSize(decision.size));
      }
      if (decision.status !== 200) {
        // C2SP: a signed but inconsistent checkpoint may be evidence of a misbehaving log, so keep it.
        if (decision.status === 422) request.log.warn({ body }, `add-checkpoint refused: ${decision.reason}`);
        return reply.status(decision.status).type('text/plain; charset=utf-8').send(`${decision.reason}\n`);
      }
      const { checkpoint, checkpointText } = decision;
      const next = { size: checkpoint.size, rootHash: checkpoint.rootHash, note };
      if (!(await store.advance(origin, previous, next))) {
        if (attempt < 3) continue;
        return reply.status(503).type('text/plain; charset=utf-8').send('busy: try again\n');
      }
      const timestamp = Math.floor(now().getTime() / 1000);
      return reply.type('text/plain; charset=utf-8').send(cosignCheckpoint(checkpointText, timestamp, signer));
    }
  });

  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: '/add-checkpoint',
    handler: async (_request, reply) =>
      reply.status(405).header('allow', 'POST').type('text/plain; charset=utf-8').send('Use POST.\n'),
  });
  return app;
}
