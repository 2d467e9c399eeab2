import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerResult } from './protocol';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = ['--import', 'tsx'];
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

let bundle: string | undefined;
/** The compiled server: `node scripts/build-server.mjs` once per bench run. */
function serverBundle(): string {
  if (bundle) return bundle;
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('`node scripts/build-server.mjs` failed');
  bundle = join(ROOT, 'build-server', 'main.js');
  return bundle;
}

/** Stops a child we started and waits for it; SIGKILL if it has not gone after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/**
 * The server compiled as `npm start` runs it (build-server/main.js, compiled afresh by the bench once, so it
 * is never older than the sources), in its own process so the pid is the server's own and its RSS can be
 * read, with the probe of its event loop loaded (`server-probe.mjs`, writing to env BENCH_PROBE_FILE) and any
 * extra node flags (`--cpu-prof`). Its output is appended to `logFile`.
 */
export async function startServer(env: Record<string, string>, logFile: string, nodeArgs: string[] = []) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeArgs, '--import', here('./server-probe.mjs'), serverBundle()], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = `code ${code}, signal ${signal}, at ${new Date().toISOString()}`));
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, `the server (see ${logFile})`, child);
  return {
    child,
    url,
    pid: child.pid!,
    /** How the server ended, if it ended by itself. */
    exited: () => exit,
  };
}

/** The baselines' tiny Fastify process; it reports its address once listening. */
export async function startBaselineServer(databaseUrl: string) {
  const child = fork(here('./baseline-server.ts'), [], {
    cwd: ROOT,
    execArgv: TSX,
    env: { ...process.env, DATABASE_URL: databaseUrl, BASELINE_PORT: '0' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the baseline server exited with code ${code}`)));
  });
  return { child, url };
}

/** Load-generating worker processes; `run` sends each its command and gathers their results. */
export function startWorkers(count: number) {
  const children = Array.from({ length: count }, (_, i) =>
    fork(here('./load-worker.ts'), [], {
      cwd: ROOT,
      execArgv: TSX,
      env: { ...process.env, BENCH_WORKER_SEED: String(1000 + i) },
    }),
  );
  return {
    count,
    run(commands: WorkerCommand[]): Promise<WorkerResult[]> {
      return Promise.all(
        children.map(
          (child, i) =>
            new Promise<WorkerResult>((resolve, reject) => {
              const onExit = (code: number | null) => reject(new Error(`load worker ${i} exited with code ${code}`));
              child.once('exit', onExit);
              child.once('message', (result: WorkerResult) => {
                child.off('exit', onExit);
                resolve(result);
              });
              child.send(commands[i]!);
            }),
        ),
      );
    },
    async stop() {
      await Promise.all(children.map((child) => stopProcess(child, 2_000)));
    },
  };
}

/** kill -9: the process gets no chance to finish anything; resolves once it has gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** Samples a process's resident set (VmRSS in /proc/<pid>/status) while it runs; `pid()` may change (a restart). */
export function sampleRss(pid: () => number, everyMs = 250) {
  const samples: { at: number; kib: number }[] = [];
  const rssKib = (id: number | string) => {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${id}/status`, 'utf8'));
      return match ? Number(match[1]) : 0;
    } catch {
      return 0; // the process has gone
    }
  };
  // With SERVER_PROCESSES > 1 the server is a cluster: its primary and every process it forked.
  const children = (id: number) => {
    try {
      return readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').split(' ').filter(Boolean);
    } catch {
      return [];
    }
  };
  const read = () => {
    const kib = rssKib(pid()) + children(pid()).reduce((n, child) => n + rssKib(child), 0);
    if (kib > 0) samples.push({ at: Date.now(), kib });
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      read();
      clearInterval(timer);
      return samples;
    },
  };
}
