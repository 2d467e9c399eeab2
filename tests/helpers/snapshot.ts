import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/index';

/** Every row of every table in the application's schema, as text, in a stable order. */
export interface DatabaseSnapshot {
  /** Row counts per table, for a readable failure message. */
  counts: Record<string, number>;
  rows: Record<string, string[]>;
}

/** `db.execute` answers with an array on postgres-js and with `{ rows }` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Request counters, which every request to a limited route bumps whatever its outcome (the rate limits kept in
 * the database so that several processes share them): bookkeeping about the request, not a change it made.
 */
const COUNTERS = new Set(['rate_limit_hits']);

/** The tables of the `public` schema (but the request counters), and how many relations the schema had then. */
interface Layout {
  tables: string[];
  relations: number;
}

const RELATIONS = sql`(select count(*)::int from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p'))`;

async function readLayout(db: Db): Promise<Layout> {
  const rows = rowsOf<{ name: string; relations: number }>(
    await db.execute(
      sql`select table_name as name, ${RELATIONS} as relations from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    ),
  );
  return { tables: rows.map((t) => t.name).filter((name) => !COUNTERS.has(name)), relations: rows[0]?.relations ?? 0 };
}

/**
 * Each database's tables, read once: the catalog query cost a third of a snapshot on PGlite. Every snapshot
 * still counts the schema's relations in the same statement as the rows, and reads the tables again when a
 * table came or went.
 */
const layouts = new WeakMap<Db, Layout>();

/**
 * Reads every table of the `public` schema in full (but the request counters), so that a test can prove a request changed
 * nothing anywhere, including in tables added after this helper was written. Test databases are
 * small, and comparing whole rows (not only counts) also catches an UPDATE that should not have happened.
 * All tables are read in one statement: a query per table made snapshots most of `bad-input.test.ts`'s time on
 * PGlite, where each statement has a fixed cost well above reading a small table.
 */
export async function snapshotDatabase(db: Db): Promise<DatabaseSnapshot> {
  for (;;) {
    const layout = layouts.get(db) ?? (await readLayout(db));
    layouts.set(db, layout);
    const everyTable = sql.join(
      [
        sql`select '' as name, to_json(${RELATIONS}) as rows`,
        ...layout.tables.map(
          (table) =>
            sql`select ${table}::text as name, coalesce((select json_agg(t::text order by t::text) from ${sql.identifier(table)} t), '[]'::json) as rows`,
        ),
      ],
      sql` union all `,
    );
    const found = new Map(
      rowsOf<{ name: string; rows: unknown }>(await db.execute(everyTable)).map((r) => [
        r.name,
        // postgres-js parses json; PGlite does too, but a driver that hands back text is read the same way.
        typeof r.rows === 'string' ? JSON.parse(r.rows) : r.rows,
      ]),
    );
    if (found.get('') !== layout.relations) {
      layouts.delete(db);
      continue;
    }
    const snapshot: DatabaseSnapshot = { counts: {}, rows: {} };
    for (const table of layout.tables) {
      const rows = (found.get(table) ?? []) as string[];
      snapshot.counts[table] = rows.length;
      snapshot.rows[table] = rows;
    }
    return snapshot;
  }
}

/**
 * The server's transaction snapshot as text (`xmin:xmax:in-progress ids`). PostgreSQL gives a transaction an id the
 * first time it changes a row (insert, update, delete, truncate, DDL), and the snapshot moves once such a transaction
 * ends, committed or not; reads take no id. So while it reads the same, no row of any table can have changed. On
 * PostgreSQL the ids are the whole server's, so another test file's writes move it too: that only costs a full read.
 */
async function writeMark(db: Db): Promise<string> {
  return rowsOf<{ mark: string }>(await db.execute(sql`select pg_current_snapshot()::text as mark`))[0]!.mark;
}

/** Each database's last full snapshot, and the write mark read just before it. */
const lastSnapshots = new WeakMap<Db, { mark: string; snapshot: DatabaseSnapshot }>();

/** The database's full snapshot now: the last one again while no transaction has written since it was taken. */
async function currentSnapshot(db: Db): Promise<{ mark: string; snapshot: DatabaseSnapshot }> {
  // The mark first: a write between the two reads leaves an older mark beside a newer snapshot, which the next
  // comparison of marks sees as a change (and reads again), never the other way round.
  const mark = await writeMark(db);
  const last = lastSnapshots.get(db);
  if (last?.mark === mark) return last;
  const taken = { mark, snapshot: await snapshotDatabase(db) };
  lastSnapshots.set(db, taken);
  return taken;
}

/**
 * Runs `action` and asserts that it left the database exactly as it found it: every row of every table compared,
 * except when no transaction wrote in between (the write mark above), which is proof enough without reading them.
 */
export async function expectDatabaseUnchanged<T>(db: Db, action: () => Promise<T>): Promise<T> {
  const before = await currentSnapshot(db);
  const result = await action();
  const after = await currentSnapshot(db);
  expect(after.snapshot.counts).toEqual(before.snapshot.counts);
  expect(after.snapshot.rows).toEqual(before.snapshot.rows);
  return result;
}
