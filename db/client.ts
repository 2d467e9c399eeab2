import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  /** The application's queries: on PostgreSQL as a role that owns nothing (see `appRole`). */
  db: Db;
  /**
   * The owner of the schema (DATABASE_URL's user): migrations, and test fixtures that must step past
   * what the application may do. The same handle as `db` on PGlite, which has one user.
   */
  ownerDb: Db;
  /**
   * Where public reads that may lag a little go (the register, statistics, log tiles, pass lists): a streaming
   * replica when one is configured (`readUrl`), else the same handle as `db`. Never for anything a user must
   * read back right after writing it, nor inside a transaction.
   */
  readDb: Db;
  kind: DbKind;
  /**
   * Runs `work` unless another holder of the lock `name` is running it right now, in this process or in any
   * other on the same database (a session advisory lock on PostgreSQL, held on a connection of its own, so a
   * crashed process lets go at once). Resolves to `undefined` when it did not run: background jobs use it so
   * that N processes do each job once, not N times.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Applies the committed migrations, then grants the application role its rights; safe on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// URL; without it the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir?: string | undefined;
  /** PGlite only: a data directory saved by PGlite's `dumpDataDir()` to start from, into an empty `dataDir`. */
  loadDataDir?: Blob | undefined;
  /** Connection pool size for PostgreSQL. */
  maxConnections?: number | undefined;
  /**
   * The role the application's queries run as on PostgreSQL: it may read and write rows, and nothing
   * else (no ALTER, TRUNCATE, DROP or TRIGGER, so the append-only triggers hold against the application).
   */
  appRole?: string | undefined;
  /** Connect the application as this URL's user (a member of `appRole`) instead of `SET ROLE` on the owner's. */
  appDatabaseUrl?: string | undefined;
  /** PostgreSQL only: a read replica (`postgres://…`) for reads that may lag; see `DbHandle.readDb`. */
  readUrl?: string | undefined;
}

export const DEFAULT_APP_ROLE = 'imtahan_app';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The application role and its rights, run by the owner after every migration. The role is cluster-wide
 * while the grants are per database, so several databases migrating at once (the test suite) may all try
 * to create it: whoever loses the race finds it made (`duplicate_object` / `unique_violation`). Rights are
 * rows only; DEFAULT PRIVILEGES extend them to tables the owner creates later, and re-granting on every
 * start covers tables made by anyone else.
 */
function appRoleStatements(role: string): string[] {
  const r = quoteIdent(role);
  return [
    // Looked up first, so that an owner without CREATEROLE can use a role an administrator made.
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN
         CREATE ROLE ${r} NOLOGIN;
       END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
    // A superuser may SET ROLE to anyone; a CREATEROLE owner needs membership to act as the role.
    `DO $$ BEGIN
       IF NOT pg_has_role(current_user, ${quoteLiteral(role)}, 'MEMBER') THEN
         EXECUTE format('GRANT %I TO %I', ${quoteLiteral(role)}, current_user);
       END IF;
     END $$`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
  ];
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function createDb(options: CreateDbOptions = {}): DbHandle {
  if (options.databaseUrl) {
    const appRole = options.appRole ?? DEFAULT_APP_ROLE;
    // Connections open lazily: the owner's only for migrations and fixtures, the application's after them.
    const owner = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
    // `role` in the start-up packet is the session's default role: every pooled connection starts as
    // the application role, and even a RESET ROLE (or DISCARD ALL) returns to it, not to the owner.
    const client = options.appDatabaseUrl
      ? postgres(options.appDatabaseUrl, { max: options.maxConnections ?? 10, onnotice: () => {} })
      : postgres(options.databaseUrl, {
          max: options.maxConnections ?? 10,
          onnotice: () => {},
          connection: { role: appRole },
        });
    // A replica is read-only whatever the role; the application role (replicated from the primary) still
    // applies, so a replica read has no more rights than a primary one.
    const reader = options.readUrl
      ? postgres(options.readUrl, {
          max: options.maxConnections ?? 10,
          onnotice: () => {},
          connection: { role: appRole, default_transaction_read_only: true },
        })
      : null;
    // One connection of its own holds the background jobs' advisory locks (see `exclusive`), so the jobs take
    // nothing from the pool that answers requests; if it drops, PostgreSQL lets go of its locks.
    const locks = options.appDatabaseUrl
      ? postgres(options.appDatabaseUrl, { max: 1, onnotice: () => {} })
      : postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connection: { role: appRole } });
    const running = new Set<string>();
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    const ownerDb = drizzlePostgres(owner, { schema }) as unknown as Db;
    return {
      db,
      ownerDb,
      readDb: reader ? (drizzlePostgres(reader, { schema }) as unknown as Db) : db,
      kind: 'postgres',
      async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
        // Session locks are re-entrant, and every job's lock is taken on the one connection: the set keeps a
        // second caller in this process out as the lock keeps other processes out.
        if (running.has(name)) return undefined;
        running.add(name);
        try {
          const key = `imtahan.exclusive:${name}`;
          const [row] = await locks<
            { locked: boolean }[]
          >`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
          if (!row?.locked) return undefined;
          try {
            return await work();
          } finally {
            await locks`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
          }
        } finally {
          running.delete(name);
        }
      },
      async migrate() {
        // One process at a time: several starting together on a new database would each try every migration.
        const lock = await owner.reserve();
        try {
          await lock`select pg_advisory_lock(hashtext('imtahan.migrate'))`;
          await migratePostgres(ownerDb as never, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(hashtext('imtahan.migrate'))`.catch(() => {});
          lock.release();
        }
        // One at a time per database: two processes starting together would otherwise race on the grants.
        await owner.begin(async (tx) => {
          await tx.unsafe(`SELECT pg_advisory_xact_lock(hashtext('imtahan.app_role'))`);
          for (const statement of appRoleStatements(appRole)) await tx.unsafe(statement);
        });
      },
      async close() {
        await Promise.all([
          client.end({ timeout: 5 }),
          owner.end({ timeout: 5 }),
          locks.end({ timeout: 5 }),
          reader?.end({ timeout: 5 }),
        ]);
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // PGlite runs one user in one process: there is no second role to separate, and nothing to connect as it.
  const running = new Set<string>();
  return {
    db,
    ownerDb: db,
    readDb: db,
    kind: 'pglite',
    // One process holds an embedded database, so a lock in memory is the whole story.
    async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
      if (running.has(name)) return undefined;
      running.add(name);
      try {
        return await work();
      } finally {
        running.delete(name);
      }
    },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}
