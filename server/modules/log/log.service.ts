import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { inTransaction, transaction } from '../../../db/transaction';
import type { LogEntryRow } from '../../../db/schema/index';
import { canonicalJson } from '../../core/canonical-json';
import { formatCheckpoint } from '../../core/checkpoint';
import {
  appendReads,
  consistencyProof,
  consistencyProofReads,
  inclusionProof,
  inclusionProofReads,
  leafHash,
  rootFromStoredHashes,
  rootReads,
  storedHashesForAppend,
  type HashReader,
  type StoredHash,
  type SubtreeCoordinate,
} from '../../core/merkle';
import { ed25519PublicKeyBytes, signNote, verifierKey, type NoteSigner } from '../../core/signed-note';
import { encodeEntryBundle, parseTilePath, TILE_WIDTH, type ParsedTilePath } from '../../core/tlog-tiles';
import { NotFoundError, ValidationError } from '../../errors';
import { coordinateKey, type LogRepository } from './log.repository';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A public fact to publish. `type` names it (e.g. `result.published`); the other fields carry it,
 * and must never include national IDs or contact details.
 */
export interface LogEvent {
  type: string;
  [field: string]: Json;
}

/** Where a published fact sits in the log: enough for anyone to ask for, and check, its proof. */
export interface LogReceipt {
  logIndex: number;
  leafHash: string;
  checkpointSize: number;
}

export interface Checkpoint {
  size: number;
  rootHash: string;
  note: string;
  signedAt: string;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function readerFrom(found: Map<string, Uint8Array>): HashReader {
  return (level, index) => {
    const hash = found.get(coordinateKey(level, index));
    if (!hash) throw new Error(`log: stored hash ${level}/${index} is missing`);
    return hash;
  };
}

export function createLogService(deps: {
  db: Db;
  clock: Clock;
  repository: LogRepository;
  signer: NoteSigner;
  origin: string;
  /**
   * Where the checkpoint and the tiles are read: a read replica when there is one (DATABASE_READ_URL). Both
   * come from it, so a client that reads the checkpoint and then its tiles finds every tile it names. Entries
   * with proofs (a receipt's check link, read right after publication) stay on `repository`, the primary.
   */
  reads?: LogRepository | undefined;
}) {
  const { db, clock, repository, signer, origin } = deps;
  const reads = deps.reads ?? repository;
  const verifier = verifierKey(signer.name, ed25519PublicKeyBytes(signer.privateKey));

  async function reader(coordinates: SubtreeCoordinate[]): Promise<HashReader> {
    return readerFrom(await repository.readHashes(coordinates));
  }

  async function latestSize(): Promise<number> {
    return (await repository.latestCheckpoint())?.size ?? 0;
  }

  /**
   * Appends events inside the caller's transaction, so the fact and its log entry commit together
   * or not at all, then signs a checkpoint covering them. Appends are serialised by a lock.
   * Hashes made earlier in the same batch are kept in memory, so a batch of k entries costs
   * O(log n) reads and a few bulk inserts rather than k round trips.
   */
  async function append(events: readonly LogEvent[]): Promise<LogReceipt[]> {
    if (events.length === 0) return [];
    // The append lock is held until the transaction ends: outside one it would serialise nothing.
    if (!inTransaction(db)) throw new Error('log.append must run inside transaction(db, …); use publish on its own.');
    await repository.lockForAppend();
    let size = (await repository.latestCheckpoint())?.size ?? 0;
    const now = clock();
    const known = new Map<string, Uint8Array>();
    const ensureKnown = async (coordinates: SubtreeCoordinate[]) => {
      const missing = coordinates.filter((c) => !known.has(coordinateKey(c.level, c.index)));
      for (const [key, hash] of await repository.readHashes(missing)) known.set(key, hash);
    };
    const entries: LogEntryRow[] = [];
    const hashes: StoredHash[] = [];
    for (const event of events) {
      const entry = Buffer.from(canonicalJson({ ...event, time: now.toISOString() }), 'utf8');
      const leaf = leafHash(entry);
      await ensureKnown(appendReads(size));
      const stored = storedHashesForAppend(size, leaf, readerFrom(known));
      for (const h of stored) known.set(coordinateKey(h.level, h.index), h.hash);
      entries.push({ idx: size, kind: event.type, entry, leafHash: leaf, publishedAt: now });
      hashes.push(...stored);
      size += 1;
    }
    await repository.insertEntries(entries, hashes);
    await ensureKnown(rootReads(size));
    const rootHash = rootFromStoredHashes(size, readerFrom(known));
    const note = signNote(formatCheckpoint({ origin, size, rootHash }), signer.name, signer.privateKey);
    await repository.insertCheckpoint({ size, rootHash, note, signedAt: now });
    return entries.map(({ idx, leafHash: leaf }) => ({ logIndex: idx, leafHash: b64(leaf), checkpointSize: size }));
  }

  return {
    origin,
    verifierKey: verifier,
    append,

    /** Publishes on its own, for facts that have nothing else to commit with them. */
    publish(events: readonly LogEvent[]): Promise<LogReceipt[]> {
      return transaction(db, () => append(events));
    },

    async latestCheckpoint(): Promise<Checkpoint | null> {
      const row = await reads.latestCheckpoint();
      return row
        ? { size: row.size, rootHash: b64(row.rootHash), note: row.note, signedAt: row.signedAt.toISOString() }
        : null;
    },

    async checkpoints(options: { before?: number | undefined; limit: number }): Promise<Checkpoint[]> {
      const rows = await repository.checkpoints(options);
      return rows.map((row) => ({
        size: row.size,
        rootHash: b64(row.rootHash),
        note: row.note,
        signedAt: row.signedAt.toISOString(),
      }));
    },

    async entries(options: { before?: number | undefined; type?: string | undefined; limit: number }) {
      const rows = await repository.entrySummaries(options);
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({
          index: r.idx,
          type: r.kind,
          publishedAt: r.publishedAt.toISOString(),
          leafHash: b64(r.leafHash),
        })),
        nextCursor: rows.length === options.limit && last && last.idx > 0 ? last.idx : null,
      };
    },

    /** An entry with its inclusion proof against the latest checkpoint. */
    async entryWithProof(index: number) {
      const checkpoint = await repository.latestCheckpoint();
      const size = checkpoint?.size ?? 0;
      if (!checkpoint || index >= size) throw new NotFoundError(`The log has no entry ${index}.`);
      const row = await repository.entry(index);
      if (!row) throw new NotFoundError(`The log has no entry ${index}.`);
      const proof = inclusionProof(index, size, await reader(inclusionProofReads(index, size)));
      const text = Buffer.from(row.entry).toString('utf8');
      return {
        index,
        type: row.kind,
        entry: JSON.parse(text) as Record<string, unknown>,
        entryText: text,
        leafHash: b64(row.leafHash),
        inclusionProof: proof.map(b64),
        checkpoint: { size, rootHash: b64(checkpoint.rootHash), note: checkpoint.note },
      };
    },

    async consistency(from: number, to: number) {
      const size = await latestSize();
      if (to > size) throw ValidationError.field('to', 'too_large', `The log has only ${size} entries.`);
      if (from > to) throw ValidationError.field('from', 'too_large', '`from` must not exceed `to`.');
      const proof =
        from === 0 || from === to ? [] : consistencyProof(from, to, await reader(consistencyProofReads(from, to)));
      const roots = await reader([...rootReads(from), ...rootReads(to)]);
      return {
        from,
        to,
        fromRoot: b64(rootFromStoredHashes(from, roots)),
        toRoot: b64(rootFromStoredHashes(to, roots)),
        proof: proof.map(b64),
      };
    },

    /**
     * The bytes at a tlog-tiles path (`tile/…`), or null when that tile does not exist (yet).
     * Reads at most one tile's worth of rows, whatever the size of the log.
     */
    async tile(path: string): Promise<Uint8Array | null> {
      let tile: ParsedTilePath;
      try {
        tile = parseTilePath(path);
      } catch {
        return null;
      }
      const size = (await reads.latestCheckpoint())?.size ?? 0;
      const start = tile.index * TILE_WIDTH;
      if (tile.kind === 'entries') {
        if (start + tile.width > size) return null;
        const rows = await reads.entryRange(start, tile.width);
        return encodeEntryBundle(rows.map((r) => r.entry));
      }
      const storedLevel = tile.level * 8;
      const available = Math.floor(size / 2 ** storedLevel);
      if (start + tile.width > available) return null;
      const hashes = await reads.hashRange(storedLevel, start, tile.width);
      return Buffer.concat(hashes);
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
