import { execFile } from 'node:child_process';
import { transaction } from '../../db/transaction';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc, sql } from 'drizzle-orm';
import { logEntries } from '../../db/schema/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../server/core/checkpoint';
import { leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../server/core/merkle';
import {
  ed25519PublicKeyBytes,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  verifierKey,
} from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { decodeEntryBundle, tileDataHashes } from '../../server/core/tlog-tiles';
import { verifyLog } from '../../scripts/log-verifier';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { buildGoVerifier, goAvailable } from '../helpers/go';

const run = promisify(execFile);
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

async function publish(count: number, type = 'test.fact') {
  return t.services.log.publish(Array.from({ length: count }, (_, i) => ({ type, n: i, note: `fact ${i} — Ə ə Ş ş` })));
}

async function allEntries(): Promise<Uint8Array[]> {
  const rows = await t.database.db.select({ entry: logEntries.entry }).from(logEntries).orderBy(asc(logEntries.idx));
  return rows.map((r) => r.entry);
}

describe('the transparency log', () => {
  it('appends without gaps and signs a checkpoint over exactly the entries', async () => {
    const first = await publish(3);
    const second = await publish(2);
    expect([...first, ...second].map((r) => r.logIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(first.every((r) => r.checkpointSize === 3)).toBe(true);
    expect(second.every((r) => r.checkpointSize === 5)).toBe(true);

    const checkpointText = (await request(t.app, { method: 'GET', url: '/log/checkpoint' })).body;
    const key = parseVerifierKey((await request(t.app, { method: 'GET', url: '/log/verifier-key' })).body.trim());
    const checkpoint = parseCheckpoint(openNote(checkpointText, [key]).text);
    expect(checkpoint.origin).toBe(t.config.log.origin);
    expect(checkpoint.size).toBe(5);
    const entries = await allEntries();
    expect(Buffer.from(checkpoint.rootHash)).toEqual(Buffer.from(rootFromLeafHashes(entries.map(leafHash))));
    expect(Buffer.from(entries[4]!).toString('utf8')).toBe(
      '{"n":1,"note":"fact 1 — Ə ə Ş ş","time":"2026-11-23T09:00:00.000Z","type":"test.fact"}',
    );
    expect(second[1]!.leafHash).toBe(Buffer.from(leafHash(entries[4]!)).toString('base64'));
  });

  it('lists entries newest first, with a cursor, and says when the latest checkpoint was signed', async () => {
    const page = await request(t.app, { method: 'GET', url: '/api/log/entries?limit=2' });
    expect(page.json().items.map((e: { index: number }) => e.index)).toEqual([4, 3]);
    expect(page.json().nextCursor).toBe(3);
    const next = await request(t.app, { method: 'GET', url: '/api/log/entries?limit=2&before=3' });
    expect(next.json().items.map((e: { index: number; type: string }) => [e.index, e.type])).toEqual([
      [2, 'test.fact'],
      [1, 'test.fact'],
    ]);
    const info = (await request(t.app, { method: 'GET', url: '/api/log' })).json();
    expect(info.checkpoint.size).toBe(5);
    expect(info.checkpoint.signedAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('serves entries with inclusion proofs that verify, and rejects a changed entry', async () => {
    const size = (await t.services.log.latestCheckpoint())!.size;
    for (let index = 0; index < size; index++) {
      const response = await request(t.app, { method: 'GET', url: `/api/log/entries/${index}` });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      const root = bytes(body.checkpoint.rootHash);
      const proof = (body.inclusionProof as string[]).map(bytes);
      const leaf = leafHash(Buffer.from(body.entryText, 'utf8'));
      expect(Buffer.from(leaf).toString('base64')).toBe(body.leafHash);
      expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
      expect(
        verifyInclusion(leafHash(Buffer.from(body.entryText.replace('fact', 'fakt'))), index, size, proof, root),
      ).toBe(false);
    }
    expect((await request(t.app, { method: 'GET', url: `/api/log/entries/${size}` })).statusCode).toBe(404);
    const bad = await request(t.app, { method: 'GET', url: '/api/log/entries/minus-one' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('index');
  });

  it('gives consistency proofs that verify between every pair of sizes', async () => {
    await publish(14);
    const size = (await t.services.log.latestCheckpoint())!.size;
    const roots = new Map<number, Uint8Array>();
    const leaves = (await allEntries()).map(leafHash);
    for (let n = 0; n <= size; n++) roots.set(n, rootFromLeafHashes(leaves.slice(0, n)));
    for (let from = 1; from <= size; from += 3) {
      for (let to = from; to <= size; to += 4) {
        const response = await request(t.app, { method: 'GET', url: `/api/log/consistency?from=${from}&to=${to}` });
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.fromRoot).toBe(Buffer.from(roots.get(from)!).toString('base64'));
        expect(verifyConsistency(from, to, roots.get(from)!, roots.get(to)!, (body.proof as string[]).map(bytes))).toBe(
          true,
        );
      }
    }
    const tooFar = await request(t.app, { method: 'GET', url: `/api/log/consistency?from=1&to=${size + 1}` });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().error.fields[0].field).toBe('to');
    const backwards = await request(t.app, { method: 'GET', url: '/api/log/consistency?from=5&to=2' });
    expect(backwards.json().error.fields[0].field).toBe('from');
  });

  it('serves tlog-tiles: hash tiles, entry bundles, immutable caching, 404 beyond the tree', async () => {
    await publish(300);
    const size = (await t.services.log.latestCheckpoint())!.size;
    const entries = await allEntries();
    expect(entries.length).toBe(size);

    const full = await request(t.app, { method: 'GET', url: '/log/tile/0/000' });
    expect(full.statusCode).toBe(200);
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.headers['access-control-allow-origin']).toBe('*');
    const hashes = tileDataHashes(full.rawPayload);
    expect(hashes.length).toBe(256);
    expect(hashes.map((h) => Buffer.from(h).toString('hex'))).toEqual(
      entries.slice(0, 256).map((e) => Buffer.from(leafHash(e)).toString('hex')),
    );

    const width = size - 256;
    const partial = await request(t.app, { method: 'GET', url: `/log/tile/0/001.p/${width}` });
    expect(tileDataHashes(partial.rawPayload).length).toBe(width);
    const bundle = await request(t.app, { method: 'GET', url: `/log/tile/entries/001.p/${width}` });
    expect(decodeEntryBundle(bundle.rawPayload, width).map((e) => Buffer.from(e).toString())).toEqual(
      entries.slice(256).map((e) => Buffer.from(e).toString()),
    );
    const level1 = await request(t.app, { method: 'GET', url: '/log/tile/1/000.p/1' });
    expect(level1.statusCode).toBe(200);
    expect(level1.rawPayload.length).toBe(32);

    for (const missing of [
      `/log/tile/0/001.p/${width + 1}`,
      '/log/tile/0/002',
      '/log/tile/1/000.p/2',
      '/log/tile/0/01',
      '/log/tile/0/x000/001',
    ]) {
      expect((await request(t.app, { method: 'GET', url: missing })).statusCode, missing).toBe(404);
    }
  });

  it('commits the log entry with the fact it publishes, or neither', async () => {
    const before = (await t.services.log.latestCheckpoint())!.size;
    await expect(
      transaction(t.database.db, async () => {
        await t.services.log.append([{ type: 'test.doomed' }]);
        throw new Error('the publication fails after appending');
      }),
    ).rejects.toThrow('the publication fails');
    expect((await t.services.log.latestCheckpoint())!.size).toBe(before);
    const [receipt] = await t.services.log.publish([{ type: 'test.after' }]);
    expect(receipt!.logIndex).toBe(before);
  });

  it('keeps every checkpoint, each consistent with the ones before it, under 100 parallel publications', async () => {
    const start = (await t.services.log.latestCheckpoint())!.size;
    const receipts = (
      await Promise.all(Array.from({ length: 100 }, (_, i) => t.services.log.publish([{ type: 'test.parallel', i }])))
    ).flat();
    expect(receipts.map((r) => r.logIndex).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => start + i),
    );

    const leaves = (await allEntries()).map(leafHash);
    expect(leaves.length).toBe(start + 100);
    const response = await request(t.app, { method: 'GET', url: '/api/log/checkpoints?limit=100' });
    const checkpoints = response.json().items as { size: number; rootHash: string }[];
    expect(checkpoints.length).toBe(100);
    expect(checkpoints.map((c) => c.size)).toEqual(Array.from({ length: 100 }, (_, i) => start + 100 - i));
    for (const checkpoint of checkpoints) {
      expect(checkpoint.rootHash).toBe(
        Buffer.from(rootFromLeafHashes(leaves.slice(0, checkpoint.size))).toString('base64'),
      );
    }
  });

  it('has a database that refuses to change or remove what was published', async () => {
    for (const statement of [
      sql`update log_entries set kind = 'x' where idx = 0`,
      sql`delete from log_entries where idx = 0`,
      sql`update log_hashes set hash = hash where level = 0 and idx = 0`,
      sql`delete from log_checkpoints`,
      sql`truncate log_entries`,
    ]) {
      await expect(t.database.db.execute(statement)).rejects.toThrow();
    }
    expect((await allEntries()).length).toBe((await t.services.log.latestCheckpoint())!.size);
  });

  it('passes verify-log, which remembers its checkpoint', async () => {
    const first = await verifyLog({ baseUrl });
    expect(first.problems).toEqual([]);
    expect(first.ok).toBe(true);
    await publish(3);
    const second = await verifyLog({ baseUrl, previous: first.state! });
    expect(second.problems).toEqual([]);
    expect(second.state!.size).toBe(first.state!.size + 3);
  });

  it.skipIf(!goAvailable() && process.env.CI !== 'true')(
    'verifies with Go’s golang.org/x/mod/sumdb tlog and note packages',
    async () => {
      await publish(2);
      const binary = buildGoVerifier();
      const { stdout } = await run(binary, [baseUrl], { timeout: 120_000 });
      expect(stdout).toMatch(/^OK \d+ entries, \d+ checkpoints verified/);
      // And Go refuses the checkpoint under any other key.
      const stranger = parseSignerKey(generateLogSignerKey(t.config.log.origin));
      const strangerKey = verifierKey(stranger.name, ed25519PublicKeyBytes(stranger.privateKey));
      await expect(run(binary, [baseUrl, strangerKey], { timeout: 120_000 })).rejects.toThrow(/checkpoint signature/);
    },
  );
});

describe('tampering', () => {
  let tampered: TestApp;
  let url: string;
  beforeAll(async () => {
    tampered = await createTestApp();
    url = await tampered.app.listen({ port: 0, host: '127.0.0.1' });
    await tampered.services.log.publish(Array.from({ length: 5 }, (_, i) => ({ type: 'test.fact', i })));
  });
  afterAll(() => tampered.close());

  /** What a database superuser could do: switch the refusal triggers off for one statement. */
  async function asSuperuser(statement: ReturnType<typeof sql>) {
    await tampered.database.ownerDb.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  }

  it('is caught by the verify-log command, which exits 1 and says what is wrong', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'imtahan-verify-')), 'state.json');
    const first = await run('npx', ['tsx', 'scripts/verify-log.ts', '--url', url, '--state', state], {
      timeout: 120_000,
    });
    expect(first.stdout).toMatch(/^OK: 5 entries verified/);
    expect(JSON.parse(readFileSync(state, 'utf8')).size).toBe(5);
    await asSuperuser(
      sql`update log_entries set entry = convert_to('{"i":7,"type":"test.fact"}', 'UTF8') where idx = 3`,
    );
    const failed = await run('npx', ['tsx', 'scripts/verify-log.ts', '--url', url, '--state', state], {
      timeout: 120_000,
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/FAILED: .*\n\s+- (tile|the entries give root)/);
    // The state file still holds the last good checkpoint.
    expect(JSON.parse(readFileSync(state, 'utf8')).size).toBe(5);
  });

  it('is caught by verify-log when history is rewritten and re-signed', async () => {
    // What a verifier remembered from the server before the rewrite: its last signed checkpoint.
    const checkpoint = (await tampered.services.log.latestCheckpoint())!;
    const state = {
      verifierKey: tampered.services.log.verifierKey,
      origin: tampered.config.log.origin,
      size: checkpoint.size,
      rootHash: checkpoint.rootHash,
      checkpoint: checkpoint.note,
    };
    await asSuperuser(sql`delete from log_entries`);
    await asSuperuser(sql`delete from log_hashes`);
    await asSuperuser(sql`delete from log_checkpoints`);
    await tampered.services.log.publish(Array.from({ length: 7 }, (_, i) => ({ type: 'test.rewritten', i })));
    const fresh = await verifyLog({ baseUrl: url });
    expect(fresh.ok).toBe(true);
    const result = await verifyLog({ baseUrl: url, previous: state });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/history was rewritten/);
  });

  it('is caught when the server swaps its key', async () => {
    const result = await verifyLog({
      baseUrl: url,
      verifierKey: 'other.example/log+0badc0de+AQ' + 'A'.repeat(42) + '=',
    });
    expect(result.ok).toBe(false);
  });
});
