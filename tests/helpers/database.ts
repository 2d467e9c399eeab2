import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openAsBlob,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/index';
import { writeWhole } from './whole-file';

/**
 * Set by the integration projects' global setup (`template.global-setup.ts`): the migrated PGlite data
 * directory dumped to a file, and the migrated PostgreSQL template database. Without them (a single
 * helper used outside Vitest, a benchmark) every database is migrated from scratch as before.
 */
export const PGLITE_TEMPLATE_ENV = 'IMTAHAN_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'IMTAHAN_TEST_POSTGRES_TEMPLATE';

const ROOT = join(import.meta.dirname, '..', '..');
const migrationsFolder = join(ROOT, 'db', 'migrations');

/** A digest of the committed migrations, so a template made from other migrations is never taken for this one. */
export function migrationsDigest(): string {
  const digest = createHash('sha256');
  const files = readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    if (!/\.(sql|json)$/.test(file)) continue;
    digest
      .update(`${file}\0`)
      .update(readFileSync(join(migrationsFolder, file)))
      .update('\0');
  }
  return digest.digest('hex').slice(0, 12);
}

const databaseUrl = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** A database of the tests' own on a PostgreSQL server, and how to remove it, whoever is still connected. */
export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database named `<prefix>_<random>` on the PostgreSQL server at `serverUrl`: a copy of the database
 * `template` when one is named (which nobody may be connected to), else empty.
 */
export async function newPostgresDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
): Promise<PostgresDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(serverUrl, (admin) =>
    admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`),
  );
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropPostgresDatabase(serverUrl, name) };
}

/** Removes the database `name` from the server at `serverUrl`, whoever is still connected to it. */
export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await asAdmin(serverUrl, (admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
}

/** Runs `work` on a connection of its own to the server's maintenance database, closed after. */
async function asAdmin<T>(serverUrl: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A new database on the PostgreSQL server at `serverUrl`, cloned from the run's migrated template when there
 * is one, else created empty and migrated; `drop` removes it, whoever is still connected.
 */
export async function throwAwayPostgresDatabase(serverUrl: string, prefix: string): Promise<PostgresDatabase> {
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  const database = await newPostgresDatabase(serverUrl, prefix, template);
  if (!template) {
    const handle = createDb({ databaseUrl: database.url, maxConnections: 1 });
    await handle.migrate();
    await handle.close();
  }
  return database;
}

/**
 * A migrated PGlite database in `dataDir` (`memory://` keeps nothing): a new one is loaded from the run's
 * template where there is one; an existing one, or one without a template, is migrated.
 */
export async function migratedPglite(dataDir: string): Promise<DbHandle> {
  const file = process.env[PGLITE_TEMPLATE_ENV];
  const fresh = dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
  // A blob backed by the file: PGlite reads it once, where a Blob made from a read Buffer was copied twice more.
  if (file && fresh) return createDb({ dataDir, loadDataDir: await openAsBlob(file) });
  const handle = createDb({ dataDir });
  await handle.migrate();
  return handle;
}

/** The PostgreSQL server of the integration project this runs in; none in the PGlite project. */
export const testPostgresServer = (): string | undefined =>
  process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;

/**
 * A database saved for test files to start from: a PostgreSQL database nobody is connected to (cloned with
 * `CREATE DATABASE … TEMPLATE`), or a PGlite data directory dumped to a file.
 */
export type SavedDatabase = { postgres: string } | { pgliteDump: string };

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a throw-away database on
 * the PostgreSQL server named by TEST_DATABASE_URL when the suite runs in its PostgreSQL project.
 * With `copyOf`, a copy of that saved database instead of an empty one.
 */
export async function createTestDatabase(copyOf?: SavedDatabase): Promise<DbHandle> {
  const serverUrl = testPostgresServer();
  if (!serverUrl) {
    if (copyOf && 'pgliteDump' in copyOf) return createDb({ loadDataDir: await openAsBlob(copyOf.pgliteDump) });
    return migratedPglite('memory://');
  }
  const database =
    copyOf && 'postgres' in copyOf
      ? await newPostgresDatabase(serverUrl, 'imtahan_test', copyOf.postgres)
      : await throwAwayPostgresDatabase(serverUrl, 'imtahan_test');
  const handle = createDb({ databaseUrl: database.url, maxConnections: 20 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * A new test database that `build` fills, saved for test files to copy (`createTestDatabase(copyOf)`) and closed:
 * on PGlite its data directory dumped to `pgliteFile`; on PostgreSQL the database itself, which the caller drops
 * (`dropPostgresDatabase`) when no file needs it any more.
 */
export async function saveNewTestDatabase(
  build: (database: DbHandle) => Promise<void>,
  pgliteFile: string,
): Promise<SavedDatabase> {
  const serverUrl = testPostgresServer();
  if (!serverUrl) {
    const handle = await migratedPglite('memory://');
    try {
      await build(handle);
      // drizzle's documented handle on the driver it was given: here the PGlite instance.
      const client = (handle.db as unknown as { $client: PGlite }).$client;
      writeWhole(pgliteFile, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    } finally {
      await handle.close();
    }
    return { pgliteDump: pgliteFile };
  }
  const database = await throwAwayPostgresDatabase(serverUrl, 'imtahan_test_saved');
  const handle = createDb({ databaseUrl: database.url, maxConnections: 20 });
  try {
    await build(handle);
  } catch (error) {
    await handle.close();
    await database.drop();
    throw error;
  }
  await handle.close();
  return { postgres: database.name };
}

const pgliteVersion = () =>
  (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * The template's WAL segment size in MB (initdb's default is 16). The dump carries a whole segment, mostly unused,
 * and every test file loads the dump: a 1 MB segment makes it 15 MB smaller.
 */
const WAL_SEGMENT_MB = 1;

/**
 * The migrated PGlite data directory, saved by `dumpDataDir()` for every test file to load instead of running
 * initdb and the migrations again. It is kept under the system's temp folder between runs, named by PGlite's
 * version and the migrations' digest, so a changed migration or engine makes a new one and a stale one is
 * never loaded. Making a new one removes those over a day old (another checkout may still use a newer one).
 */
export async function pgliteTemplateFile(): Promise<string> {
  const dir = join(tmpdir(), 'imtahan-test-templates');
  const file = join(dir, `pglite-${pgliteVersion()}-${migrationsDigest()}-wal${WAL_SEGMENT_MB}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const dataDir = mkdtempSync(join(dir, 'pgdata-'));
  try {
    const initialised = await PGlite.create(dataDir, { initDbStartParams: [`--wal-segsize=${WAL_SEGMENT_MB}`] });
    await initialised.close();
    const handle = createDb({ dataDir });
    await handle.migrate();
    await handle.close();
    // `create`, not `new`: dumping a PGlite that is not yet ready never settles.
    const reopened = await PGlite.create(dataDir);
    const dump = Buffer.from(await (await reopened.dumpDataDir('none')).arrayBuffer());
    await reopened.close();
    // Written aside and renamed, so a run starting at the same time never reads half a file.
    const partial = `${dataDir}.tar`;
    writeFileSync(partial, dump);
    renameSync(partial, file);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const dayAgo = Date.now() - 86_400_000;
  for (const other of readdirSync(dir)) {
    const path = join(dir, other);
    if (path !== file && statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
  return file;
}

/**
 * Creates and migrates a template database on the PostgreSQL server, named by the migrations' digest (and
 * the run, since several runs may share a server). It takes no connections afterwards, as
 * `CREATE DATABASE … TEMPLATE` refuses a template anyone is connected to; `drop` removes it.
 */
export async function createPostgresTemplate(serverUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `imtahan_template_${migrationsDigest()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const handle = createDb({ databaseUrl: databaseUrl(serverUrl, name), maxConnections: 1 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  await admin.unsafe(`alter database ${name} with is_template true allow_connections false`);
  return {
    name,
    async drop() {
      await admin.unsafe(`alter database ${name} with is_template false`);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
