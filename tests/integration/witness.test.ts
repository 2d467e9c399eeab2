/**
 * The shipped witness (npm run witness) against C2SP tlog-witness: every status code, the consistency
 * check, rewritten history refused, the atomic check-and-update, and state that survives a restart. Over real
 * HTTP, with its state in a file (PGlite run) or in PostgreSQL (PostgreSQL run).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../../server/core/checkpoint';
import {
  cosignerSignerKey,
  cosignerVerifierKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  verifyCosignatures,
} from '../../server/core/cosignature';
import { consistencyProof, leafHash, nodeHash, rootFromStoredHashes, type HashReader } from '../../server/core/merkle';
import { parseSignerKey, parseVerifierKey, signNote, signerKey, verifierKey } from '../../server/core/signed-note';
import { formatAddCheckpointRequest, TLOG_SIZE_CONTENT_TYPE } from '../../server/core/tlog-witness';
import { createWitnessApp } from '../../server/modules/witness/witness.app';
import {
  createFileWitnessStore,
  createPostgresWitnessStore,
  type WitnessStore,
} from '../../server/modules/witness/witness.store';
import { throwAwayPostgresDatabase } from '../helpers/database';

const ORIGIN = 'imtahan.test/log';
const logKey = generateKeyPairSync('ed25519').privateKey;
const logSigner = parseSignerKey(signerKey(ORIGIN, logKey));
const witnessKey = generateKeyPairSync('ed25519').privateKey;
const witnessSigner = parseCosignerSignerKey(cosignerSignerKey('witness.test/w1', witnessKey));
const witnessVerifier = parseCosignerVerifierKey(cosignerVerifierKey('witness.test/w1', witnessKey));

function tree(size: number, prefix: string) {
  const levels: Uint8Array[][] = [Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`${prefix} ${i}`)))];
  while (levels.at(-1)!.length >= 2) {
    const below = levels.at(-1)!;
    levels.push(
      Array.from({ length: Math.floor(below.length / 2) }, (_, i) => nodeHash(below[2 * i]!, below[2 * i + 1]!)),
    );
  }
  const read: HashReader = (level, index) => levels[level]![index]!;
  return { read, root: (n: number) => rootFromStoredHashes(n, read) };
}
const honest = tree(64, 'result');
const rewritten = tree(64, 'forged');

const checkpointText = (size: number, t = honest, origin = ORIGIN) =>
  formatCheckpoint({ origin, size, rootHash: t.root(size) });
const signed = (size: number, t = honest, origin = ORIGIN) =>
  signNote(checkpointText(size, t, origin), logSigner.name, logSigner.privateKey);
const body = (oldSize: number, size: number, t = honest, proof?: Uint8Array[]) =>
  formatAddCheckpointRequest({
    oldSize,
    proof: proof ?? (oldSize === 0 || oldSize >= size ? [] : consistencyProof(oldSize, size, t.read)),
    checkpoint: signed(size, t),
  });

let cleanup: (() => Promise<void>) | undefined;
let statePath: string;
let databaseUrl: string | undefined;

async function openStore(): Promise<WitnessStore> {
  return databaseUrl ? createPostgresWitnessStore(databaseUrl) : createFileWitnessStore(statePath);
}

async function startWitness() {
  const store = await openStore();
  const app = createWitnessApp({
    signer: witnessSigner,
    logs: [parseVerifierKey(verifierKey(ORIGIN, logKey))],
    store,
    now: () => new Date('2026-12-07T10:00:00Z'),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const post = async (text: string) => {
    const response = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: text });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  return {
    url,
    post,
    async stop() {
      await app.close();
      await store.close();
    },
  };
}

let witness: Awaited<ReturnType<typeof startWitness>>;

beforeAll(async () => {
  statePath = join(mkdtempSync(join(tmpdir(), 'imtahan-witness-')), 'state.json');
  if (process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL) {
    const database = await throwAwayPostgresDatabase(process.env.TEST_DATABASE_URL, 'witness');
    databaseUrl = database.url;
    cleanup = database.drop;
  }
  witness = await startWitness();
});
afterAll(async () => {
  await witness.stop();
  await cleanup?.();
});

describe('the witness (C2SP tlog-witness conformance)', () => {
  it('cosigns a first checkpoint from old 0 with a cosignature/v1 line by its key', async () => {
    const answer = await witness.post(body(0, 8));
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^— witness\.test\/w1 [A-Za-z0-9+/]+=*\n$/);
    const [cosignature] = verifyCosignatures(checkpointText(8), answer.text.split('\n').slice(0, -1), [
      witnessVerifier,
    ]);
    expect(cosignature?.timestamp).toBe(Date.parse('2026-12-07T10:00:00Z') / 1000);
  });

  it('answers 409 text/x.tlog.size with its size when the old size is not its own', async () => {
    for (const oldSize of [0, 5, 9]) {
      const answer = await witness.post(body(oldSize, 20));
      expect(answer).toEqual({ status: 409, type: TLOG_SIZE_CONTENT_TYPE, text: '8\n' });
    }
  });

  it('cosigns a consistent extension, and the same checkpoint again', async () => {
    expect((await witness.post(body(8, 20))).status).toBe(200);
    expect((await witness.post(body(20, 20))).status).toBe(200);
  });

  it('answers 422 for a proof that does not verify, and refuses rewritten history, keeping its state', async () => {
    const proof = consistencyProof(20, 30, honest.read);
    proof[1] = new Uint8Array(32);
    expect((await witness.post(body(20, 30, honest, proof))).status).toBe(422);
    // A log that rewrote its past proves consistency with its own rewritten tree, not the witnessed one.
    expect((await witness.post(body(20, 30, rewritten))).status).toBe(422);
    // At the same size, another root is a split view: 409.
    expect((await witness.post(body(20, 20, rewritten))).status).toBe(409);
    // None of it moved the witness: it is still at 20.
    expect((await witness.post(body(0, 30))).text).toBe('20\n');
  });

  it('answers 404 for an unknown origin and 403 without a signature by the trusted key', async () => {
    const unknown = formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: signed(3, honest, 'other/log') });
    expect((await witness.post(unknown)).status).toBe(404);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = signNote(checkpointText(30), ORIGIN, stranger);
    const proof = consistencyProof(20, 30, honest.read);
    expect((await witness.post(formatAddCheckpointRequest({ oldSize: 20, proof, checkpoint: forged }))).status).toBe(
      403,
    );
  });

  it('answers 400 for an old size beyond the checkpoint and for malformed bodies, 405 for other methods', async () => {
    expect((await witness.post(body(40, 30))).status).toBe(400);
    for (const bad of [
      '',
      'old 20\n',
      'old x\n\nlog\n',
      `old 020\n\n${signed(30)}`,
      `old 20\nnot a hash\n\n${signed(30)}`,
    ]) {
      expect((await witness.post(bad)).status).toBe(400);
    }
    expect((await witness.post(`old 20\n\n${checkpointText(30)}`)).status).toBe(400);
    // A bad request changed nothing.
    expect((await witness.post(body(0, 1))).text).toBe('20\n');
    const get = await fetch(`${witness.url}/add-checkpoint`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('checks and updates atomically: of two racing requests from one old size, one is cosigned', async () => {
    const [a, b] = await Promise.all([witness.post(body(20, 40)), witness.post(body(20, 41))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 40 : 41;
    expect((await witness.post(body(0, 50))).text).toBe(`${winner}\n`);
    expect((await witness.post(body(winner, 50))).status).toBe(200);
  });

  it('keeps its state across a restart', async () => {
    await witness.stop();
    witness = await startWitness();
    expect((await witness.post(body(0, 60))).text).toBe('50\n');
    expect((await witness.post(body(50, 60))).status).toBe(200);
  });
});
