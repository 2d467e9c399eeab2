import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../server/core/canonical-json';
import { formatCheckpoint } from '../server/core/checkpoint';
import { leafHash, rootFromStoredHashes, storedHashesForAppend, type HashReader } from '../server/core/merkle';
import { signNote, verifierKey } from '../server/core/signed-note';
import { encodeEntryBundle, parseTilePath, tileData, TILE_WIDTH } from '../server/core/tlog-tiles';
import { runMonitor, type MonitorFileState } from './log-monitor';
import type { Fetch } from './log-verifier';

const ORIGIN = 'monitor.test/log';
const key = generateKeyPairSync('ed25519');
const publicKey = new Uint8Array(key.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));

const entry = (i: number, variant = '') =>
  new Uint8Array(
    Buffer.from(
      canonicalJson({
        type: 'log.opened',
        time: '2026-12-07T00:00:00.000Z',
        origin: `o${i}${variant}`,
        verifierKey: 'k',
      }),
    ),
  );

/** A log served in the tlog-tiles layout from memory, built with the same cores as the server's. */
function servedLog(entries: Uint8Array[]): Fetch {
  const stored = new Map<string, Uint8Array>();
  const read: HashReader = (level, index) => stored.get(`${level}/${index}`)!;
  entries.forEach((e, i) => {
    for (const h of storedHashesForAppend(i, leafHash(e), read)) stored.set(`${h.level}/${h.index}`, h.hash);
  });
  const size = entries.length;
  const note = signNote(
    formatCheckpoint({ origin: ORIGIN, size, rootHash: rootFromStoredHashes(size, read) }),
    ORIGIN,
    key.privateKey,
  );
  const reply = (bytes: Uint8Array | string | null) => {
    const data = typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes)) : bytes;
    return Promise.resolve({
      ok: data !== null,
      status: data === null ? 404 : 200,
      text: () => Promise.resolve(Buffer.from(data ?? []).toString('utf8')),
      arrayBuffer: () => Promise.resolve(new Uint8Array(data ?? []).buffer),
    });
  };
  return (url) => {
    const path = url.replace(/^.*?\/log\//, '');
    if (path === 'verifier-key') return reply(verifierKey(ORIGIN, publicKey));
    if (path === 'checkpoint') return reply(note);
    const tile = parseTilePath(path);
    const start = tile.index * TILE_WIDTH;
    if (tile.kind === 'entries') return reply(encodeEntryBundle(entries.slice(start, start + tile.width)));
    return reply(tileData(tile, read));
  };
}

const log = (size: number, changed?: number) =>
  Array.from({ length: size }, (_, i) => entry(i, i === changed ? 'rewritten' : ''));

async function monitor(entries: Uint8Array[], previous?: MonitorFileState) {
  return runMonitor({ baseUrl: 'http://log.test', previous, fetch: servedLog(entries) });
}

describe('the monitor reading a log run after run', () => {
  it('reads only the new entries each run, across tile and tile-level boundaries', async () => {
    let previous: MonitorFileState | undefined;
    let read = 0;
    for (const size of [1, 255, 256, 257, 600, 1024, 1030]) {
      const result = await monitor(log(size), previous);
      expect(result.problems, `size ${size}`).toEqual([]);
      expect(result).toMatchObject({ verified: true, size, read: size - (previous?.size ?? 0), violations: [] });
      read += result.read;
      previous = result.state!;
    }
    expect(read).toBe(1030);
  });

  it('refuses a history rewritten before the last run, in the last bundle it read or earlier', async () => {
    const first = await monitor(log(300));
    for (const changed of [290, 10]) {
      const result = await monitor(log(310, changed), first.state!);
      expect(result.verified, `entry ${changed}`).toBe(false);
      expect(result.state).toBeNull();
      expect(result.problems.join('\n')).toMatch(/rewritten/);
    }
    // The same history, grown: accepted.
    expect((await monitor(log(310), first.state!)).verified).toBe(true);
  });

  it('refuses a log that shrank', async () => {
    const first = await monitor(log(20));
    const result = await monitor(log(19), first.state!);
    expect(result).toMatchObject({ verified: false, problems: ['the log shrank from 20 to 19 entries'] });
  });
});
