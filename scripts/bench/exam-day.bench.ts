/**
 * Exam day on PostgreSQL, end to end through HTTP: N booked candidates sign in, all start within a
 * minute, save answers with think time, and all submit in the last minute. The real server runs
 * as its own process (`tsx server/main.ts`), the load comes from separate worker processes, and
 * two baselines are measured with the same load generator: a bare Fastify route and a single-row
 * upsert through the `postgres` driver. After the run every acknowledged save is compared with
 * attempt_answers, so a lost answer shows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { createBenchDatabase } from './exam-day/database';
import { sampleRss, startBaselineServer, startServer, startWorkers, stopProcess } from './exam-day/processes';
import type { BenchCandidate, OpName, OpStats, WorkerCommand, WorkerResult } from './exam-day/protocol';
import { BENCH_PASSWORD, scheduleSitting, seedSitting } from './exam-day/seed';
import { checkAnswers } from './exam-day/verify';
import { percentile } from './stats';

export interface ExamDayOptions {
  candidates: number;
  saves: number;
  startWindowSeconds: number;
  /** From the end of the start window to the opening of the submit window. */
  examSeconds: number;
  submitWindowSeconds: number;
  workers: number;
  signInConcurrency: number;
  baselineConcurrency: number;
  baselineRequests: number;
}

export const EXAM_DAY_DEFAULTS: ExamDayOptions = {
  candidates: 5_000,
  saves: 40,
  startWindowSeconds: 60,
  examSeconds: 180,
  submitWindowSeconds: 60,
  workers: 2,
  signInConcurrency: 16,
  baselineConcurrency: 32,
  baselineRequests: 20_000,
};

export const EXAM_DAY_QUICK: ExamDayOptions = {
  ...EXAM_DAY_DEFAULTS,
  candidates: 300,
  saves: 10,
  startWindowSeconds: 15,
  examSeconds: 30,
  submitWindowSeconds: 15,
  baselineRequests: 3_000,
};

const FLAGS: Record<string, keyof ExamDayOptions> = {
  '--candidates': 'candidates',
  '--saves': 'saves',
  '--start-window': 'startWindowSeconds',
  '--exam-seconds': 'examSeconds',
  '--submit-window': 'submitWindowSeconds',
  '--workers': 'workers',
  '--signin-concurrency': 'signInConcurrency',
  '--baseline-concurrency': 'baselineConcurrency',
  '--baseline-requests': 'baselineRequests',
};
/** Options that take a value, so the bench runner does not read the value as a benchmark's name. */
export const EXAM_DAY_VALUE_FLAGS = new Set(Object.keys(FLAGS));

export const EXAM_DAY_HELP = `  exam     exam day over HTTP on PostgreSQL (needs TEST_DATABASE_URL): sign-in, start burst, autosaves,
           submit; baselines, lost-answer check, server RSS. Options (defaults):
           --candidates 5000 --saves 40 --start-window 60 --exam-seconds 180 --submit-window 60
           --workers 2 --signin-concurrency 16 --baseline-concurrency 32 --baseline-requests 20000
           e.g. npm run bench -- exam --candidates 500 --saves 20 --exam-seconds 60`;

export function parseExamDayOptions(args: readonly string[], quick: boolean): ExamDayOptions {
  const options = { ...(quick ? EXAM_DAY_QUICK : EXAM_DAY_DEFAULTS) };
  args.forEach((arg, i) => {
    const key = FLAGS[arg];
    if (!key) return;
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive whole number`);
    options[key] = value;
  });
  return options;
}

interface Summary {
  n: number;
  errors: number;
  seconds: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errorKinds: Record<string, number>;
}

function merge(results: WorkerResult[], op: OpName): Summary {
  const parts = results.map((r) => r.ops[op]).filter((s): s is OpStats => s !== undefined);
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const errorKinds: Record<string, number> = {};
  for (const part of parts) for (const [k, v] of Object.entries(part.errors)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  const firstAt = Math.min(...parts.map((p) => p.firstAt));
  const lastAt = Math.max(...parts.map((p) => p.lastAt));
  const seconds = Math.max(0.001, (lastAt - firstAt) / 1000);
  const ok = parts.reduce((n, p) => n + p.ok, 0);
  return {
    n: latencies.length,
    errors,
    seconds,
    rate: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errorKinds,
  };
}

const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const lat = (s: Summary) => `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)} ms`;
const ratio = (s: Summary, b: Summary) =>
  `×${(s.p50 / b.p50).toFixed(1)} / ×${(s.p95 / b.p95).toFixed(1)} / ×${(s.p99 / b.p99).toFixed(1)}`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Splits `items` over `n` workers round-robin. */
function shares<T>(items: readonly T[], n: number): T[][] {
  const out = Array.from({ length: n }, (): T[] => []);
  items.forEach((item, i) => out[i % n]!.push(item));
  return out;
}

export async function examDayBench(options: ExamDayOptions): Promise<string[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('the exam benchmark needs PostgreSQL: set TEST_DATABASE_URL=postgres://…');
  const o = options;
  const say = (line: string) => process.stderr.write(`  · ${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-exam-bench-'));
  const database = await createBenchDatabase(serverUrl);
  const workers = startWorkers(o.workers);
  const lines: string[] = [];
  let finished = false;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let baselineServer: Awaited<ReturnType<typeof startBaselineServer>> | null = null;
  try {
    const split = (total: number) => Array.from({ length: o.workers }, (_, i) => Math.ceil((total - i) / o.workers));

    // Baselines first, on a quiet machine, with the same workers and client as the exam.
    say('baselines');
    baselineServer = await startBaselineServer(database.url);
    const baseline = async (path: string) =>
      merge(
        await workers.run(
          split(o.baselineRequests).map((requests, i) => ({
            type: 'baseline',
            baseUrl: baselineServer!.url,
            path,
            requests,
            concurrency: split(o.baselineConcurrency)[i]!,
          })),
        ),
        'baseline',
      );
    await baseline('/bare'); // warm-up: JIT and sockets
    const bare = await baseline('/bare');
    const upsert = await baseline('/upsert');
    await stopProcess(baselineServer.child);
    baselineServer = null;

    say(`seeding ${int(o.candidates)} candidates`);
    const seeded = await seedSitting(database.url, o.candidates);

    const port = await freePort();
    const config = loadConfig({ NODE_ENV: 'production', DEMO: 'false' });
    say('starting the server');
    server = await startServer(
      {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        DEMO: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        LOG_LEVEL: 'warn',
        LOG_SIGNING_KEY: generateLogSignerKey(config.log.origin),
      },
      join(dir, 'server.log'),
    );
    const serverPid = server.pid;
    const rss = sampleRss(serverPid);

    say(`signing in ${int(o.candidates)} candidates`);
    rss.phase('sign-in');
    const candidateShares = shares<BenchCandidate>(seeded.candidates, o.workers);
    const signIn = merge(
      await workers.run(
        candidateShares.map((candidates, i) => ({
          type: 'sign-in',
          baseUrl: server!.url,
          candidates,
          password: BENCH_PASSWORD,
          concurrency: split(o.signInConcurrency)[i]!,
        })),
      ),
      'sign-in',
    );

    // The sitting's clock: the start window opens in two seconds, entry closes just after it, and
    // the sitting ends just after the submit window, so the deadline is the sitting's end.
    const startAt = Date.now() + 2_000;
    const submitAt = startAt + (o.startWindowSeconds + o.examSeconds) * 1000;
    const endsAt = submitAt + o.submitWindowSeconds * 1000 + 20_000;
    await scheduleSitting(database.url, seeded.sittingId, {
      startsAt: new Date(startAt - 1_000),
      entryClosesAt: new Date(startAt + o.startWindowSeconds * 1000 + 30_000),
      endsAt: new Date(endsAt),
    });
    say(
      `exam: starts over ${o.startWindowSeconds} s, ${o.saves} saves each over ~${o.examSeconds + o.startWindowSeconds / 2} s, submits over ${o.submitWindowSeconds} s`,
    );
    rss.phase('exam');
    const resultFiles = candidateShares.map((_, i) => join(dir, `acked-${i}.json`));
    const exam = await workers.run(
      resultFiles.map((resultFile): WorkerCommand => ({
        type: 'exam',
        baseUrl: server!.url,
        resultFile,
        plan: {
          startAt,
          startWindowMs: o.startWindowSeconds * 1000,
          submitAt,
          submitWindowMs: o.submitWindowSeconds * 1000,
          savesPerCandidate: o.saves,
        },
      })),
    );
    const samples = rss.stop();
    const died = server.exited();
    await stopProcess(server.child);
    server = null;

    say('checking every acknowledged save against attempt_answers');
    const check = await checkAnswers(database.url, seeded.sittingId, resultFiles);

    const ops = {
      start: merge(exam, 'start'),
      paper: merge(exam, 'paper'),
      save: merge(exam, 'save'),
      submit: merge(exam, 'submit'),
    };
    const sum = (key: 'staleAcks' | 'abandoned' | 'lateSubmits' | 'skippedSaves') =>
      exam.reduce((n, r) => n + (r[key] ?? 0), 0);
    const peak = (phase?: string) =>
      Math.max(0, ...samples.filter((s) => phase === undefined || s.phase === phase).map((s) => s.kib));

    lines.push(
      `exam-day bench on PostgreSQL: ${int(o.candidates)} candidates, ${o.saves} saves each, ${o.workers} load worker processes, server process ${serverPid} (VmRSS sampled every 250 ms)`,
    );
    lines.push(
      `set-up: bank and blueprint ${(seeded.timings.bankMs / 1000).toFixed(1)} s; ${int(o.candidates)} users + bookings ${(seeded.timings.usersMs / 1000).toFixed(1)} s; close booking (papers drawn and stored) ${(seeded.timings.closeMs / 1000).toFixed(1)} s`,
    );
    lines.push(
      `baselines (closed loop, ${o.baselineConcurrency} in flight, ${int(o.baselineRequests)} requests each):`,
    );
    lines.push(
      `  bare Fastify route           ${int(bare.rate).padStart(6)} req/s   p50 / p95 / p99 ${lat(bare)}   errors ${bare.errors}`,
    );
    lines.push(
      `  single-row upsert (postgres) ${int(upsert.rate).padStart(6)} req/s   p50 / p95 / p99 ${lat(upsert)}   errors ${upsert.errors}`,
    );
    lines.push(
      `sign-in: ${int(signIn.n)} in ${signIn.seconds.toFixed(1)} s = ${signIn.rate.toFixed(1)}/s (${o.signInConcurrency} in flight; Argon2id each)   p50 / p95 / p99 ${lat(signIn)}   errors ${signIn.errors}`,
    );
    lines.push(
      'op      |   count |    req/s | p50 / p95 / p99             | ×bare p50/p95/p99     | ×upsert p50/p95/p99  | errors',
    );
    for (const [name, s] of Object.entries(ops)) {
      lines.push(
        `${name.padEnd(7)} | ${int(s.n).padStart(7)} | ${s.rate.toFixed(1).padStart(8)} | ${lat(s).padEnd(27)} | ${ratio(s, bare).padEnd(21)} | ${ratio(s, upsert).padEnd(20)} | ${s.errors}`,
      );
    }
    const errorKinds = Object.entries({ 'sign-in': signIn, ...ops }).flatMap(([name, s]) =>
      Object.entries(s.errorKinds).map(([kind, n]) => `${name} ${kind}: ${n}`),
    );
    lines.push(`errors: ${errorKinds.length ? errorKinds.join('; ') : 'none'}`);
    lines.push(
      `answers: ${int(check.checked)} items' last acknowledged saves checked in ${int(check.attempts)} attempts: ${check.lost} lost, ${check.different} different` +
        `, ${check.unacknowledged} stored without an acknowledgement; stale acks ${sum('staleAcks')}; candidates left without a paper (start or paper request failed) ${sum('abandoned')}; late submits ${sum('lateSubmits')}; saves skipped because the save window had ended ${sum('skippedSaves')}`,
    );
    for (const example of check.examples) lines.push(`  ${example}`);
    lines.push(
      `attempts after the run: ${Object.entries(check.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} (finalised by ${Object.entries(check.finalisedBy)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    lines.push(
      `server RSS: ${mib(samples[0]?.kib ?? 0)} idle, peak ${mib(peak('sign-in'))} during sign-in, peak ${mib(peak('exam'))} during the exam, ${mib(samples.at(-1)?.kib ?? 0)} at the end`,
    );
    const errorCount = signIn.errors + Object.values(ops).reduce((n, s) => n + s.errors, 0);
    if (died) lines.push(`THE SERVER EXITED DURING THE RUN (${died})`);
    if (died || errorCount > 0) {
      const log = readFileSync(join(dir, 'server.log'), 'utf8').trim().split('\n').slice(-15);
      lines.push(
        `last lines of the server's log (${join(dir, 'server.log')}):`,
        ...log.map((l) => `  ${l.slice(0, 400)}`),
      );
    }
    finished = !died && errorCount === 0;
    return lines;
  } finally {
    if (server) await stopProcess(server.child);
    if (baselineServer) await stopProcess(baselineServer.child);
    await workers.stop();
    await database.drop();
    // A failed run keeps its folder: the server's log is in it.
    if (finished) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`the run's files, the server's log among them, are in ${dir}\n`);
  }
}
