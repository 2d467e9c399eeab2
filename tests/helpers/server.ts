import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { newPostgresDatabase, type PostgresDatabase } from './database';
import { readOnceWritten, writeWhole } from './whole-file';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser suite's demo, seeded once per run (tests/e2e/seed-demo.ts), which each server copies. */
    demoDataDir: string;
    /** Where that demo's database is when it was seeded into PostgreSQL (TEST_DATABASE_URL), which each server clones. */
    demoDatabase: { serverUrl: string; name: string } | null;
    /** The compiled server (scripts/build-server.mjs), built once per run, which each server runs. */
    serverBundle: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const READY = /imtahan is serving (http:\/\/localhost:\d+)/;

/** A test server's time, which a test moves forward instead of waiting (the server's TEST_CLOCK_FILE). */
export interface ServerClock {
  /** The server's now, in ms since the epoch. */
  now(): number;
  /** Moves the server's time on by `ms`. */
  advance(ms: number): void;
  /** Moves the server's time on to `at` (ms since the epoch), if it is not there yet. */
  advanceTo(at: number): void;
}

export interface RunningServer {
  url: string;
  clock: ServerClock;
  /** The PostgreSQL database the server runs on (a clone of the run's demo), or none on the embedded database. */
  databaseUrl: string | undefined;
  /** Everything the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** The clock of a server started with TEST_CLOCK_FILE=`file`: milliseconds ahead of real time, rewritten whole. */
function fileClock(file: string): ServerClock {
  const read = () => Number(readFileSync(file, 'utf8'));
  const write = (offset: number) => {
    writeWhole(file, String(Math.round(offset)));
  };
  write(0);
  return {
    now: () => Date.now() + read(),
    advance: (ms) => write(read() + Math.max(0, ms)),
    advanceTo(at) {
      const ahead = at - (Date.now() + read());
      if (ahead > 0) write(read() + ahead);
    },
  };
}

/** Compiles the server into one JavaScript file, as `npm run build` does; its path. */
export function buildServerBundle(): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('`node scripts/build-server.mjs` failed');
  return join(ROOT, 'build-server', 'main.js');
}

/** Builds the pages once if no build exists: the server serves whatever `build/` holds. */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'build', 'handler.js'))) return;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`npx vite build` failed');
}

/**
 * Waits for the run's demo, which its own process seeds while the first files start (tests/e2e/seed-demo.ts),
 * until it has written how that ended beside the folder; fails with why, should the seeding have failed.
 */
async function demoSeeded(dataDir: string, timeoutMs = 600_000): Promise<void> {
  const said = await readOnceWritten(`${dataDir}.seeded`, timeoutMs, "the run's demo");
  if (said !== 'ok') throw new Error(said);
}

/**
 * V8 flags for a test server. `--liftoff-only`: PGlite's WebAssembly runs as its quick first compilation and is never
 * recompiled by the optimising tier. A production server keeps the optimising tier, where it pays; a test server lives
 * a minute, and recompiled PGlite's hot functions afresh in every file: about 0.5 CPU s a start, and 0.5 CPU s each
 * 20 s while idle (its background jobs' queries), against little for the few queries a browser test makes.
 */
const TEST_SERVER_FLAGS = ['--liftoff-only'];

/**
 * Starts the real server (API and pages in one process) on a free port, with a fresh demo database
 * in a temporary directory, configured as `npm start` is: no ORIGIN, so the tests also prove that
 * forms work on a plain-http start. In the browser suite the demo is a copy of the one seeded for the
 * run; elsewhere the server seeds its own. Its clock is the test's to move (`clock`).
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-e2e-'));
  const seeded = env.DATA_DIR === undefined && env.DEMO !== 'false' ? inject('demoDataDir') : undefined;
  const seededDatabase = seeded ? inject('demoDatabase') : null;
  // The browser suite runs the server compiled for the run (no compiler at each start); elsewhere, the sources.
  const bundle = inject('serverBundle');
  let database: PostgresDatabase | undefined;
  if (seeded) {
    await demoSeeded(seeded);
    // The folder holds the log's signing key, and the embedded database unless the demo is in PostgreSQL.
    cpSync(seeded, dataDir, { recursive: true });
    if (seededDatabase) {
      database = await newPostgresDatabase(seededDatabase.serverUrl, 'imtahan_e2e', seededDatabase.name);
    }
  }
  const clock = fileClock(join(dataDir, 'test-clock'));
  // The server's own API address must win, and the demo needs the embedded database.
  const { API_URL: _api, DATABASE_URL: _database, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [...TEST_SERVER_FLAGS, ...(bundle ? [bundle] : ['--import', 'tsx', 'server/main.ts'])],
    {
      cwd: ROOT,
      env: {
        ...inherited,
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO: 'true',
        NODE_ENV: 'test',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        LOG_LEVEL: 'warn',
        TEST_CLOCK_FILE: join(dataDir, 'test-clock'),
        ...(database ? { DATABASE_URL: database.url } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = READY.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${log}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  let url: string;
  try {
    url = await ready;
  } catch (error) {
    // A server that did not come up is not left running (nor its folder and database): no test will stop it.
    await stop();
    throw error;
  }
  return { url, clock, databaseUrl: database?.url, output: () => log, stop };
}
