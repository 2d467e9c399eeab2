import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../db/index';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { TEST_ENV, type TestApp } from './app';
import { TestClock } from './clock';
import { migratedPglite, throwAwayPostgresDatabase } from './database';
import { freePort } from './free-port';

const ROOT = join(import.meta.dirname, '..', '..');
const READY = /imtahan is serving (http:\/\/localhost:\d+)/;

/** A throw-away, migrated database on the PostgreSQL server named by `serverUrl`, and how to drop it. */
export async function throwAwayPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { url, drop } = await throwAwayPostgresDatabase(serverUrl, 'imtahan_restart');
  return { url, drop };
}

/**
 * The real app, in this process, on an existing database (a PostgreSQL URL, or an embedded database's
 * folder, which the server may open once this app is closed), with a test clock: for setting up data that
 * a separately started server then serves, or for a test of its own on that database. `env` overrides
 * configuration as in `createTestApp`; a DATABASE_READ_URL in it sends the reads that may lag to that replica.
 */
export async function createTestAppOn(
  database: string | { dataDir: string },
  env: Record<string, string> = {},
): Promise<TestApp> {
  const where = typeof database === 'string' ? { DATABASE_URL: database } : { DATA_DIR: database.dataDir };
  const config = loadConfig({ ...TEST_ENV, ...where, ...env });
  const handle =
    typeof database === 'string'
      ? createDb({ databaseUrl: database, readUrl: config.databaseReadUrl, maxConnections: 5 })
      : // The server keeps its embedded database in DATA_DIR/pglite (server/main.ts).
        await migratedPglite(join(database.dataDir, 'pglite'));
  const clock = new TestClock();
  const logSigner = parseSignerKey(config.log.signingKey ?? generateLogSignerKey(config.log.origin));
  const { app, services } = await buildApp({ config, database: handle, clock: clock.read, logSigner });
  await app.ready();
  return {
    app,
    services,
    database: handle,
    config,
    clock,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

export interface ApiServer {
  url: string;
  /** What a browser on the server's own pages sends as Origin. */
  origin: string;
  output(): string;
  /** Ends the process at once with SIGKILL: no graceful close, nothing flushed. */
  kill(): Promise<void>;
  /** SIGTERM, and SIGKILL if it has not gone in 10 s. */
  stop(): Promise<void>;
}

/** How the server is run: from its TypeScript sources through tsx (the default), or compiled (`npm run build`). */
export const FROM_SOURCES = ['--import', 'tsx', 'server/main.ts'];
export const COMPILED = ['build-server/main.js'];

/**
 * Starts `server/main.ts` as its own process on a free port against `databaseUrl` (no demo, no temp
 * PGlite). The web build is not needed: the API serves without it.
 */
export async function startApiServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs = 90_000,
  entry: string[] = FROM_SOURCES,
): Promise<ApiServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-api-'));
  const { API_URL: _api, DATABASE_URL: _database, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO: 'false',
      NODE_ENV: 'test',
      PASSWORD_HASH_COST: 'test',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = READY.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    url: url.replace('localhost', '127.0.0.1'),
    origin: url,
    output: () => log,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      cleanUp();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killed);
      }
      cleanUp();
    },
  };
}
