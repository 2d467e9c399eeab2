import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import postgres from 'postgres';
import type { WitnessedCheckpoint } from '../../core/tlog-witness';

/** The latest checkpoint a witness cosigned for one log, with the note it cosigned. */
export interface StoredCheckpoint extends WitnessedCheckpoint {
  readonly note: string;
}

/**
 * Where a witness keeps, per log origin, the latest checkpoint it cosigned. `advance` is a compare-and-swap:
 * it replaces the record only if it still is `expected`, so the check against the old size and the update are
 * one atomic step (C2SP tlog-witness: otherwise two racing requests could roll the witnessed tree back).
 */
export interface WitnessStore {
  latest(origin: string): Promise<StoredCheckpoint | undefined>;
  advance(origin: string, expected: WitnessedCheckpoint | undefined, next: StoredCheckpoint): Promise<boolean>;
  close(): Promise<void>;
}

const sameCheckpoint = (a: WitnessedCheckpoint | undefined, b: WitnessedCheckpoint | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.size === b.size && Buffer.compare(Buffer.from(a.rootHash), Buffer.from(b.rootHash)) === 0;

interface FileRecord {
  size: number;
  rootHash: string;
  note: string;
}

/**
 * State in one JSON file, rewritten whole through a temporary file, fsync and rename, so a crash leaves
 * either the old state or the new one. Updates are serialised within the process; one witness process
 * owns one file.
 */
export function createFileWitnessStore(path: string): WitnessStore {
  mkdirSync(dirname(path), { recursive: true });
  let records: Record<string, FileRecord> = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, FileRecord>)
    : {};
  let queue: Promise<unknown> = Promise.resolve();
  const toCheckpoint = (r: FileRecord | undefined): StoredCheckpoint | undefined =>
    r && { size: r.size, rootHash: new Uint8Array(Buffer.from(r.rootHash, 'base64')), note: r.note };

  async function write(next: Record<string, FileRecord>): Promise<void> {
    const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(next, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const directory = await open(dirname(path), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  return {
    latest: (origin) => Promise.resolve(toCheckpoint(Object.hasOwn(records, origin) ? records[origin] : undefined)),
    advance(origin, expected, next) {
      const step = queue.then(async () => {
        const current = toCheckpoint(Object.hasOwn(records, origin) ? records[origin] : undefined);
        if (!sameCheckpoint(current, expected)) return false;
        const updated = {
          ...records,
          [origin]: { size: next.size, rootHash: Buffer.from(next.rootHash).toString('base64'), note: next.note },
        };
        await write(updated);
        records = updated;
        return true;
      });
      queue = step.catch(() => undefined);
      return step;
    },
    close: () => queue.then(() => undefined),
  };
}

/**
 * State in a PostgreSQL table of its own (created if missing), so a witness needs no other schema. The
 * compare-and-swap is one conditional statement, atomic across any number of witness processes.
 */
export async function createPostgresWitnessStore(url: string): Promise<WitnessStore> {
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  await sql`create table if not exists witness_checkpoints (
    origin text primary key,
    size bigint not null check (size >= 0),
    root_hash bytea not null,
    note text not null,
    updated_at timestamptz not null default now()
  )`;
  return {
    async latest(origin) {
      const [row] = await sql<{ size: string; root_hash: Buffer; note: string }[]>`
        select size, root_hash, note from witness_checkpoints where origin = ${origin}`;
      return row && { size: Number(row.size), rootHash: new Uint8Array(row.root_hash), note: row.note };
    },
    async advance(origin, expected, next) {
      const rootHash = Buffer.from(next.rootHash);
      const rows = expected
        ? await sql`update witness_checkpoints
            set size = ${next.size}, root_hash = ${rootHash}, note = ${next.note}, updated_at = now()
            where origin = ${origin} and size = ${expected.size} and root_hash = ${Buffer.from(expected.rootHash)}
            returning origin`
        : await sql`insert into witness_checkpoints (origin, size, root_hash, note)
            values (${origin}, ${next.size}, ${rootHash}, ${next.note})
            on conflict (origin) do nothing returning origin`;
      return rows.length === 1;
    },
    close: () => sql.end(),
  };
}
