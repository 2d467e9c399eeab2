/**
 * The demo's own witness (issue 19, server/modules/demo/demo.witness.ts): on DEMO the server cosigns its own
 * checkpoints with a witness run in process, key in DATA_DIR, marked as the demo's; never outside the demo.
 */
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { parseCheckpoint } from '../../server/core/checkpoint';
import {
  cosignerVerifierKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  splitNote,
  verifyCosignatures,
} from '../../server/core/cosignature';
import { openNote, parseSignerKey, parseVerifierKey } from '../../server/core/signed-note';
import { DEMO_WITNESS_NAME } from '../../server/modules/demo/demo.witness';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { createServices } from '../../server/services';
import { createTestApp, request, TEST_ENV, type TestApp } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { createTestDatabase } from '../helpers/database';

const dataDir = () => mkdtempSync(join(tmpdir(), 'imtahan-demo-witness-'));

interface WitnessInfo {
  name: string;
  verifierKey: string;
  cosignedSize: number | null;
  lastError: string | null;
  demo: boolean;
}
interface LogInfo {
  verifierKey: string;
  checkpoint: { size: number; note: string } | null;
  witnessQuorum: number;
  witnesses: WitnessInfo[];
}

/** The note's size, and the names of the witnesses (of those given) whose cosignatures on it verify. */
function cosigners(note: string, logKey: string, witnessKeys: string[]) {
  const text = openNote(note, [parseVerifierKey(logKey)]).text;
  const valid = verifyCosignatures(text, splitNote(note).signatureLines, witnessKeys.map(parseCosignerVerifierKey));
  return { size: parseCheckpoint(text).size, witnesses: valid.map((c) => c.name) };
}

describe('the demo witness on DEMO', () => {
  let t: TestApp;
  let dir: string;
  const info = async () => (await request(t.app, { method: 'GET', url: '/api/log' })).json<LogInfo>();
  const served = async () => (await request(t.app, { method: 'GET', url: '/log/checkpoint' })).body;
  const publish = (count: number) =>
    t.services.log.publish(Array.from({ length: count }, (_, i) => ({ type: 'test.fact', n: i })));

  beforeAll(async () => {
    dir = dataDir();
    t = await createTestApp({ DEMO: 'true', DATA_DIR: dir });
  });
  afterAll(() => t.close());

  it('is listed, marked as the demo’s, with its key kept in DATA_DIR (mode 0600)', async () => {
    const { witnesses, witnessQuorum } = await info();
    expect(witnessQuorum).toBe(0);
    expect(witnesses).toHaveLength(1);
    expect(witnesses[0]).toMatchObject({ name: DEMO_WITNESS_NAME, demo: true, cosignedSize: null });
    const file = join(dir, 'demo-witness.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const signer = parseCosignerSignerKey(readFileSync(file, 'utf8').trim());
    expect(cosignerVerifierKey(signer.name, signer.privateKey)).toBe(witnesses[0]!.verifierKey);
  });

  it('cosigns the newest checkpoint in the witness job, served at /log/checkpoint and in /api/log', async () => {
    await publish(3);
    const { verifierKey: logKey, witnesses } = await info();
    const witnessKey = witnesses[0]!.verifierKey;
    expect(cosigners(await served(), logKey, [witnessKey])).toEqual({ size: 3, witnesses: [] });

    expect(await t.services.witnesses.run()).toBe(1);
    const note = await served();
    expect(cosigners(note, logKey, [witnessKey])).toEqual({ size: 3, witnesses: [DEMO_WITNESS_NAME] });
    // The log page shows /api/log's checkpoint: the same note, cosignature included.
    const after = await info();
    expect(after.checkpoint!.note).toBe(note);
    expect(after.witnesses[0]).toMatchObject({ cosignedSize: 3, lastError: null, demo: true });
  });

  it('checks the consistency proof from the size it cosigned before cosigning a grown log', async () => {
    await publish(2);
    expect(await t.services.witnesses.run()).toBe(1);
    const { verifierKey: logKey, witnesses } = await info();
    expect(cosigners(await served(), logKey, [witnesses[0]!.verifierKey])).toEqual({
      size: 5,
      witnesses: [DEMO_WITNESS_NAME],
    });
    // With nothing new the job asks nothing.
    expect(await t.services.witnesses.run()).toBe(0);
  });
});

describe('after a restart on the same DATA_DIR and database', () => {
  it('keeps its key, and cosigns the next checkpoint although it remembers no earlier one', async () => {
    const dir = dataDir();
    const config = loadConfig({ ...TEST_ENV, DEMO: 'true', DATA_DIR: dir });
    const database = await createTestDatabase();
    const clock = new TestClock();
    const logSigner = parseSignerKey(generateLogSignerKey(config.log.origin));
    try {
      const first = createServices({ db: database.db, config, clock: clock.read, logSigner });
      await first.log.publish([{ type: 'test.fact', n: 1 }]);
      expect(await first.witnesses.run()).toBe(1);
      const [before] = await first.witnesses.statuses();

      // A new process: the same key from DATA_DIR, a witness state that starts empty (it answers 409 at size 0).
      const second = createServices({ db: database.db, config, clock: clock.read, logSigner });
      await second.log.publish([{ type: 'test.fact', n: 2 }]);
      expect(await second.witnesses.run()).toBe(1);
      const [after] = await second.witnesses.statuses();
      expect(after!.verifierKey).toBe(before!.verifierKey);
      expect(after).toMatchObject({ cosignedSize: 2, lastError: null });
      expect(
        cosigners((await second.witnesses.servedCheckpoint())!, first.log.verifierKey, [after!.verifierKey]),
      ).toEqual({ size: 2, witnesses: [DEMO_WITNESS_NAME] });
    } finally {
      await database.close();
    }
  });
});

describe('outside the demo', () => {
  it('starts no demo witness and writes no key', async () => {
    const dir = dataDir();
    const t = await createTestApp({ DEMO: 'false', DATA_DIR: dir });
    try {
      await t.services.log.publish([{ type: 'test.fact', n: 1 }]);
      const body = (await request(t.app, { method: 'GET', url: '/api/log' })).json<LogInfo>();
      expect(body.witnesses).toEqual([]);
      expect(await t.services.witnesses.run()).toBe(0);
      expect(existsSync(join(dir, 'demo-witness.key'))).toBe(false);
      expect(
        splitNote((await request(t.app, { method: 'GET', url: '/log/checkpoint' })).body).signatureLines,
      ).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
