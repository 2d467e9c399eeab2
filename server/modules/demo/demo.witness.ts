/**
 * The demo's own witness (DEMO only, issue 19): the project's C2SP tlog-witness (server/modules/witness), run
 * inside the server with its own key in DATA_DIR, so a fresh demo shows /log/checkpoint cosigned and the witness
 * job at work without a second process. It proves nothing: a witness is worth something only when someone out of
 * the log operator's reach runs it (DESIGN.md, The transparency log), and this one shares the log's process and
 * disk. So its name says so, /api/log marks it `demo`, the log page labels it, and services.ts never starts it
 * outside the demo. Real witnesses are configured with LOG_WITNESSES; they are asked as before, beside this one.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cosignerSignerKey,
  cosignerVerifierKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  type CosignerSigner,
} from '../../core/cosignature';
import { parseVerifierKey } from '../../core/signed-note';
import type { StoredCheckpoint, WitnessStore } from '../witness/witness.store';
import { createWitnessApp } from '../witness/witness.app';
import { addCheckpoint, type Witness } from '../log/witness-client';

/** A name under .invalid (RFC 2606), so nobody mistakes it for a witness anyone runs. */
export const DEMO_WITNESS_NAME = 'demo-witness.imtahan.invalid/in-process';
/** Never fetched: requests to it are handed to the in-process witness app. */
const DEMO_WITNESS_URL = 'http://demo-witness.imtahan.invalid';

/** The key file in DATA_DIR: made on the demo's first start (mode 0600), so cosignatures stay valid across restarts. */
function loadKey(dataDir: string): CosignerSigner {
  const file = join(dataDir, 'demo-witness.key');
  try {
    return parseCosignerSignerKey(readFileSync(file, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const encoded = cosignerSignerKey(DEMO_WITNESS_NAME, generateKeyPairSync('ed25519').privateKey);
  try {
    writeFileSync(file, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
    return parseCosignerSignerKey(encoded);
  } catch (error) {
    // Another process of the same demo made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseCosignerSignerKey(readFileSync(file, 'utf8').trim());
  }
}

/**
 * The witness's state (the latest checkpoint it cosigned) is kept in memory: after a restart it answers the
 * job's first request with 409 at size 0, which the job follows (C2SP tlog-witness), so nothing is lost that the
 * demo shows. A file would be shared by every test app and server process pointed at the same DATA_DIR.
 */
function memoryStore(): WitnessStore {
  const records = new Map<string, StoredCheckpoint>();
  return {
    latest: (origin) => Promise.resolve(records.get(origin)),
    advance(origin, expected, next) {
      const current = records.get(origin);
      const same =
        current === undefined || expected === undefined
          ? current === expected
          : current.size === expected.size &&
            Buffer.compare(Buffer.from(current.rootHash), Buffer.from(expected.rootHash)) === 0;
      if (same) records.set(origin, next);
      return Promise.resolve(same);
    },
    close: () => Promise.resolve(),
  };
}

export interface DemoWitness {
  witness: Witness;
  /** The witness job's client: the demo witness answered in process, any other witness over HTTP as before. */
  send: typeof addCheckpoint;
}

export function createDemoWitness(options: { dataDir: string; logVerifierKey: string; now: () => Date }): DemoWitness {
  const signer = loadKey(options.dataDir);
  const app = createWitnessApp({
    signer,
    logs: [parseVerifierKey(options.logVerifierKey)],
    store: memoryStore(),
    now: options.now,
  });
  const witness: Witness = {
    url: DEMO_WITNESS_URL,
    verifier: parseCosignerVerifierKey(cosignerVerifierKey(signer.name, signer.privateKey)),
    demo: true,
  };
  // The same request and answer as over the network, through Fastify's inject instead of a socket.
  const inProcess: typeof fetch = async (input, init) => {
    const answer = await app.inject({
      method: 'POST',
      url: new URL(String(input)).pathname,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      payload: String(init?.body ?? ''),
    });
    return new Response(answer.body, { status: answer.statusCode, headers: { 'content-type': 'text/plain' } });
  };
  return {
    witness,
    send: (to, request, sendOptions) =>
      addCheckpoint(to, request, to === witness ? { ...sendOptions, fetch: inProcess } : sendOptions),
  };
}
