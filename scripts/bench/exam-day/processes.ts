import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerResult } from './protocol';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = ['--import', 'tsx'];
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

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
 * The real server, as `tsx server/main.ts` runs it, in its own process (node with tsx's loader, so
 * the pid is the server's own and its RSS can be read). Its output goes to `logFile`.
 */
export async function startServer(env: Record<string, string>, logFile: string) {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...TSX, 'server/main.ts'], {
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

/** Samples a process's resident set (VmRSS in /proc/<pid>/status) while it runs, labelled by phase. */
export function sampleRss(pid: number, everyMs = 250) {
  const samples: { phase: string; kib: number }[] = [];
  let phase = 'idle';
  const read = () => {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) samples.push({ phase, kib: Number(match[1]) });
    } catch {
      // the process has gone
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    phase(name: string) {
      read();
      phase = name;
    },
    stop() {
      read();
      clearInterval(timer);
      return samples;
    },
  };
}
