/**
 * The log with two witnesses and a quorum of two (issue 19): the background job gathers cosignatures,
 * /log/checkpoint waits for the quorum while publishing goes on with a witness down, a witness that moved
 * on meanwhile (409) is followed, and verify-log and Go's own Ed25519 check the cosignatures.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCosignatures } from '../../db/schema/index';
import { parseCheckpoint } from '../../server/core/checkpoint';
import {
  cosignerSignerKey,
  cosignerVerifierKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  splitNote,
  verifyCosignatures,
} from '../../server/core/cosignature';
import { openNote, parseVerifierKey } from '../../server/core/signed-note';
import { addCheckpoint } from '../../server/modules/log/witness-client';
import { createWitnessApp } from '../../server/modules/witness/witness.app';
import { createFileWitnessStore } from '../../server/modules/witness/witness.store';
import { verifyLog } from '../../scripts/log-verifier';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { buildGoVerifier, goAvailable } from '../helpers/go';
import { databaseMessages, itRefusesEveryChange } from './append-only';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

interface TestWitness {
  name: string;
  vkey: string;
  port: number;
  stateFile: string;
  stop?: () => Promise<void>;
}

function newWitness(name: string, port: number): TestWitness {
  const key = generateKeyPairSync('ed25519').privateKey;
  const witness: TestWitness = {
    name,
    vkey: cosignerVerifierKey(name, key),
    port,
    stateFile: join(mkdtempSync(join(tmpdir(), 'imtahan-witness-')), 'state.json'),
  };
  signers.set(name, cosignerSignerKey(name, key));
  return witness;
}
const signers = new Map<string, string>();

let t: TestApp;
let baseUrl: string;
let a: TestWitness;
let b: TestWitness;

async function start(witness: TestWitness): Promise<void> {
  const store = createFileWitnessStore(witness.stateFile);
  const app = createWitnessApp({
    signer: parseCosignerSignerKey(signers.get(witness.name)!),
    logs: [parseVerifierKey(t.services.log.verifierKey)],
    store,
  });
  await app.listen({ port: witness.port, host: '127.0.0.1' });
  witness.stop = async () => {
    await app.close();
    await store.close();
    witness.stop = undefined;
  };
}

const get = async (url: string) => request(t.app, { method: 'GET', url });

/** The served note's size and the names of the witnesses whose cosignatures on it verify. */
function read(note: string) {
  const text = openNote(note, [parseVerifierKey(t.services.log.verifierKey)]).text;
  const cosigners = verifyCosignatures(text, splitNote(note).signatureLines, [
    parseCosignerVerifierKey(a.vkey),
    parseCosignerVerifierKey(b.vkey),
  ]);
  return { size: parseCheckpoint(text).size, witnesses: cosigners.map((c) => c.name).sort() };
}

beforeAll(async () => {
  a = newWitness('witness-a.test/w', await freePort());
  b = newWitness('witness-b.test/w', await freePort());
  t = await createTestApp({
    LOG_WITNESSES: `http://127.0.0.1:${a.port}=${a.vkey},http://127.0.0.1:${b.port}/=${b.vkey}`,
    LOG_WITNESS_QUORUM: '2',
  });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  await start(a);
  await start(b);
});
afterAll(async () => {
  await a.stop?.();
  await b.stop?.();
  await t.close();
});

const publish = (count: number) =>
  t.services.log.publish(Array.from({ length: count }, (_, i) => ({ type: 'test.fact', n: i })));

describe('the log with two witnesses and a quorum of two', () => {
  it('serves no checkpoint until one has the quorum, and the newest one at checkpoint.latest', async () => {
    expect((await get('/log/checkpoint')).statusCode).toBe(404);
    await publish(3);
    expect((await get('/log/checkpoint')).statusCode).toBe(404);
    const latest = await get('/log/checkpoint.latest');
    expect(latest.statusCode).toBe(200);
    expect(read(latest.body)).toEqual({ size: 3, witnesses: [] });
  });

  it('gathers both cosignatures in the background job and then serves that checkpoint', async () => {
    expect(await t.services.witnesses.run()).toBe(2);
    const served = await get('/log/checkpoint');
    expect(served.statusCode).toBe(200);
    expect(read(served.body)).toEqual({ size: 3, witnesses: ['witness-a.test/w', 'witness-b.test/w'] });
    // The log's own signature comes first, so a client that knows only the log's key reads it as before.
    expect(splitNote(served.body).signatureLines[0]).toMatch(new RegExp(`^— ${t.config.log.origin} `));
    // Asked again with nothing new, the job sends nothing.
    expect(await t.services.witnesses.run()).toBe(0);
    const info = (await get('/api/log')).json();
    expect(info.witnessQuorum).toBe(2);
    expect(info.witnesses.map((w: { name: string; cosignedSize: number }) => [w.name, w.cosignedSize])).toEqual([
      ['witness-a.test/w', 3],
      ['witness-b.test/w', 3],
    ]);
  });

  it('with one witness down publishing goes on, and /log/checkpoint waits for the quorum', async () => {
    await b.stop!();
    const receipts = await publish(2);
    expect(receipts.map((r) => r.checkpointSize)).toEqual([5, 5]);
    expect(await t.services.witnesses.run()).toBe(1);
    expect(read((await get('/log/checkpoint')).body)).toEqual({
      size: 3,
      witnesses: ['witness-a.test/w', 'witness-b.test/w'],
    });
    expect(read((await get('/log/checkpoint.latest')).body)).toEqual({ size: 5, witnesses: ['witness-a.test/w'] });
    const down = (await get('/api/log')).json().witnesses[1];
    expect(down).toMatchObject({ name: 'witness-b.test/w', cosignedSize: 3 });
    expect(down.lastError).toMatch(/^unreachable/);

    // Backing off: the next round, a moment later, does not ask the witness that just failed.
    await start(b);
    expect(await t.services.witnesses.run()).toBe(0);
    expect((await get('/api/log')).json().witnesses[1].lastAttemptAt).toBe(down.lastAttemptAt);

    // After the back-off the witness is asked again from the size it cosigned, and the quorum is met.
    t.clock.advance(10_000);
    expect(await t.services.witnesses.run()).toBe(1);
    expect(read((await get('/log/checkpoint')).body)).toEqual({
      size: 5,
      witnesses: ['witness-a.test/w', 'witness-b.test/w'],
    });
    expect((await get('/api/log')).json().witnesses[1]).toMatchObject({ cosignedSize: 5, lastError: null });
  });

  it('follows a witness that has cosigned a newer checkpoint meanwhile (409), from its size', async () => {
    await publish(1);
    const six = (await get('/log/checkpoint.latest')).body;
    await publish(1);
    // Someone else (a monitor's gossip) brought witness A to size 6 already: our next request from 5 gets 409.
    const proof = (await t.services.log.consistency(5, 6)).proof.map((p) => new Uint8Array(Buffer.from(p, 'base64')));
    const gossip = await addCheckpoint(
      { url: `http://127.0.0.1:${a.port}`, verifier: parseCosignerVerifierKey(a.vkey) },
      { oldSize: 5, proof, checkpoint: six },
    );
    expect(gossip.kind).toBe('cosigned');
    expect(await t.services.witnesses.run()).toBe(2);
    expect(read((await get('/log/checkpoint')).body)).toEqual({
      size: 7,
      witnesses: ['witness-a.test/w', 'witness-b.test/w'],
    });
  });

  it('verify-log checks the cosignatures and refuses a checkpoint short of the quorum', async () => {
    const ok = await verifyLog({ baseUrl, witnesses: [a.vkey, b.vkey], quorum: 2 });
    expect(ok.problems).toEqual([]);
    expect(ok.ok).toBe(true);
    const stranger = cosignerVerifierKey('witness-c.test/w', generateKeyPairSync('ed25519').privateKey);
    const short = await verifyLog({ baseUrl, witnesses: [a.vkey, stranger], quorum: 2 });
    expect(short.ok).toBe(false);
    expect(short.problems.join('\n')).toMatch(/1 valid cosignatures by the given witnesses, and 2 are required/);
    // A key with A's name and key ID but another public key would be A's forger: its line no longer verifies.
    const forged = parseCosignerVerifierKey(a.vkey);
    const other = cosignerVerifierKey(forged.name, generateKeyPairSync('ed25519').privateKey);
    expect((await verifyLog({ baseUrl, witnesses: [other], quorum: 1 })).ok).toBe(false);
  });

  it.runIf(goAvailable())("passes Go's check, the cosignatures verified with crypto/ed25519", async () => {
    const binary = buildGoVerifier();
    const { stdout } = await run(binary, ['-witness', a.vkey, '-witness', b.vkey, '-quorum', '2', baseUrl], {
      timeout: 60_000,
    });
    expect(stdout).toMatch(
      /^OK 7 entries, \d+ checkpoints verified with golang.org\/x\/mod\/sumdb, and 2 witness cosignatures/,
    );
    const stranger = cosignerVerifierKey('witness-c.test/w', generateKeyPairSync('ed25519').privateKey);
    await expect(run(binary, ['-witness', a.vkey, '-witness', stranger, baseUrl], { timeout: 60_000 })).rejects.toThrow(
      /1 valid witness cosignatures, 2 required/,
    );
  });
});

describe('the cosignatures received are append-only in the database itself', () => {
  const rows = () =>
    t.database.db.select().from(logCosignatures).orderBy(logCosignatures.checkpointSize, logCosignatures.witness);

  // The walk above stored both witnesses' cosignatures on sizes 3, 5 and 7.
  itRefusesEveryChange(() => t, { rows, atLeast: 6, what: 'cosignature' }, [
    ['UPDATE', sql`update log_cosignatures set signature_line = 'forged'`],
    ['UPDATE of one row', sql`update log_cosignatures set cosigned_at = now() where checkpoint_size = 3`],
    ['DELETE', sql`delete from log_cosignatures`],
    ['DELETE of one row', sql`delete from log_cosignatures where checkpoint_size = 5`],
    ['TRUNCATE', sql`truncate log_cosignatures`],
  ]);

  it('refuses TRUNCATE even by the owner (the trigger, not only the missing right)', async () => {
    const error = await t.database.ownerDb.execute(sql`truncate log_cosignatures`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(databaseMessages(error)).toMatch(/append-only/);
  });
});
