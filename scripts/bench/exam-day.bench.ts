/**
 * Exam day on PostgreSQL, end to end through HTTP: N booked candidates sign in, all start within a
 * minute, save answers with think time, and all submit in the last minute. The real server runs
 * as its own process (compiled, as `npm start` runs it), the load comes from separate worker processes, and
 * two baselines are measured with the same load generator: a bare Fastify route and a single-row
 * upsert through the `postgres` driver. After the run every acknowledged save is compared with
 * attempt_answers, so a lost answer shows.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { createBenchDatabase } from './exam-day/database';
import { sampleDatabase, type DatabaseSample } from './exam-day/database-probe';
import { pgbenchN } from './exam-day/pgbench';
import { monotonicOffsetUs, profileSummary, type ProfileWindow } from './exam-day/profile-summary';
import { killHard, sampleRss, startBaselineServer, startServer, startWorkers, stopProcess } from './exam-day/processes';
import type {
  BenchCandidate,
  OpName,
  OpStats,
  Phase,
  ProbeSample,
  WorkerCommand,
  WorkerResult,
} from './exam-day/protocol';
import { BENCH_PASSWORD, scheduleSitting, seedSitting } from './exam-day/seed';
import { checkAnswers } from './exam-day/verify';
import { percentile } from './stats';

export interface ExamDayOptions {
  candidates: number;
  /** Every candidate presses Start within this many seconds. */
  startWindowSeconds: number;
  /** Steady autosaves, in three equal stretches: quiet, with sign-ins, with results-day readers. */
  saveSeconds: number;
  /** Autosaves offered per second, all candidates together (open loop). */
  saveRate: number;
  /** Saves go on this long after the steady stretch; the server is killed (-9) and restarted in it. 0: no kill. */
  crashSeconds: number;
  submitWindowSeconds: number;
  /** Results-day readers (pass list, register, own result), arriving within `readWindowSeconds`. */
  readers: number;
  readWindowSeconds: number;
  /** Sign-ins (Argon2) measured before the exam; every candidate has a session made at seeding. */
  signIns: number;
  /** Sign-ins (Argon2) during the second stretch of saves. */
  examSignIns: number;
  workers: number;
  /** Server processes sharing the one port (SERVER_PROCESSES: node:cluster); RSS is summed over them. */
  processes: number;
  signInConcurrency: number;
  baselineConcurrency: number;
  baselineRequests: number;
  pgbenchClients: number;
  pgbenchSeconds: number;
  /** A folder for the server's CPU profile (`--cpu-prof`), or empty for none. */
  profileDir: string;
  /** A folder for heap snapshots of the server at its heap's peaks (server-probe.mjs), or empty for none. */
  heapSnapshotDir: string;
  /** Node's flags for the server besides the bench's own, space-separated (`--max-semi-space-size=8`). */
  nodeFlags: string;
}

export const EXAM_DAY_DEFAULTS: ExamDayOptions = {
  candidates: 5_000,
  startWindowSeconds: 1,
  saveSeconds: 60,
  saveRate: 2_500,
  crashSeconds: 30,
  submitWindowSeconds: 60,
  readers: 5_000,
  readWindowSeconds: 10,
  signIns: 1_000,
  examSignIns: 500,
  workers: 2,
  processes: 1,
  signInConcurrency: 16,
  baselineConcurrency: 32,
  baselineRequests: 20_000,
  pgbenchClients: 16,
  pgbenchSeconds: 15,
  profileDir: '',
  heapSnapshotDir: '',
  nodeFlags: '',
};

export const EXAM_DAY_QUICK: ExamDayOptions = {
  ...EXAM_DAY_DEFAULTS,
  candidates: 300,
  saveSeconds: 15,
  saveRate: 300,
  crashSeconds: 12,
  submitWindowSeconds: 10,
  readers: 300,
  readWindowSeconds: 3,
  signIns: 100,
  examSignIns: 30,
  baselineRequests: 3_000,
  pgbenchSeconds: 5,
};

const FLAGS: Record<string, Exclude<keyof ExamDayOptions, 'profileDir' | 'heapSnapshotDir' | 'nodeFlags'>> = {
  '--candidates': 'candidates',
  '--start-window': 'startWindowSeconds',
  '--save-seconds': 'saveSeconds',
  '--save-rate': 'saveRate',
  '--crash-seconds': 'crashSeconds',
  '--submit-window': 'submitWindowSeconds',
  '--readers': 'readers',
  '--read-window': 'readWindowSeconds',
  '--sign-ins': 'signIns',
  '--exam-sign-ins': 'examSignIns',
  '--workers': 'workers',
  '--processes': 'processes',
  '--signin-concurrency': 'signInConcurrency',
  '--baseline-concurrency': 'baselineConcurrency',
  '--baseline-requests': 'baselineRequests',
  '--pgbench-clients': 'pgbenchClients',
  '--pgbench-seconds': 'pgbenchSeconds',
};
/** Options that take a value, so the bench runner does not read the value as a benchmark's name. */
export const EXAM_DAY_VALUE_FLAGS = new Set([...Object.keys(FLAGS), '--profile', '--heap-snapshots', '--node-flags']);

export const EXAM_DAY_HELP = `  exam     exam day over HTTP on PostgreSQL (needs TEST_DATABASE_URL), issue 16's scenarios: sign-in; the
           start burst; steady autosaves (quiet, then beside sign-ins, then beside results-day readers of
           the pass list, register and own result); kill -9 and restart mid-save; submits at the deadline;
           baselines in the same run (bare Fastify, single-row upsert, pgbench -N); every acknowledged
           answer checked; RSS, event-loop delay and the database's connections per phase. Options (defaults):
           --candidates 5000 --start-window 1 --save-seconds 60 --save-rate 2500 --crash-seconds 30
           --submit-window 60 --readers 5000 --read-window 10 --sign-ins 1000 --exam-sign-ins 500 --workers 2 --processes 1
           --signin-concurrency 16 --baseline-concurrency 32 --baseline-requests 20000
           --pgbench-clients 16 --pgbench-seconds 15 --profile <dir> (the server's --cpu-prof)
           --heap-snapshots <dir> (the server's heap when in use passes 250, 400, 550 MiB; stops it seconds each)
           --node-flags '<flags>' (more of node's flags for the server, e.g. '--max-semi-space-size=8')
           e.g. npm run bench -- exam --candidates 10000`;

export function parseExamDayOptions(args: readonly string[], quick: boolean): ExamDayOptions {
  const options = { ...(quick ? EXAM_DAY_QUICK : EXAM_DAY_DEFAULTS) };
  args.forEach((arg, i) => {
    if (arg === '--profile') {
      options.profileDir = args[i + 1] ?? '';
      if (!options.profileDir) throw new Error('--profile needs a folder');
      return;
    }
    if (arg === '--heap-snapshots') {
      options.heapSnapshotDir = args[i + 1] ?? '';
      if (!options.heapSnapshotDir) throw new Error('--heap-snapshots needs a folder');
      return;
    }
    if (arg === '--node-flags') {
      options.nodeFlags = args[i + 1] ?? '';
      return;
    }
    const key = FLAGS[arg];
    if (!key) return;
    const value = Number(args[i + 1]);
    const least = ['crashSeconds', 'readers', 'signIns', 'examSignIns'].includes(key) ? 0 : 1;
    if (!Number.isInteger(value) || value < least) throw new Error(`${arg} needs a whole number ≥ ${least}`);
    options[key] = value;
  });
  return options;
}

interface Summary {
  n: number;
  ok: number;
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
    ok,
    errors,
    seconds,
    rate: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errorKinds,
  };
}

const f = (ms: number) =>
  Number.isNaN(ms) ? '-' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
const lat = (s: Summary) => `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)} ms`;
const ratio = (s: Summary, b: Summary) =>
  `×${(s.p50 / b.p50).toFixed(1)} / ×${(s.p95 / b.p95).toFixed(1)} / ×${(s.p99 / b.p99).toFixed(1)}`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (kib: number) => `${((kib * 1024) / 1e6).toFixed(0)} MB`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

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

const inPhase = (phase: Phase) => (s: { at: number }) => s.at >= phase.from && s.at < phase.to;

/** One line per phase: the server's event loop and memory, and its database connections. */
function phaseLines(
  phases: Phase[],
  probe: ProbeSample[],
  rss: { at: number; kib: number }[],
  database: DatabaseSample[],
  poolSize: number,
): string[] {
  const lines = [
    `per phase (server: event-loop delay p99 of the worst second, mean utilisation; peak RSS · database: the server's ${poolSize} pooled connections active mean / max, share of samples with all ${poolSize} busy, top waits; select 1 and one-row upsert p50 / p99 from a side connection):`,
  ];
  for (const phase of phases) {
    const p = probe.filter(inPhase(phase));
    const r = rss.filter(inPhase(phase));
    const d = database.filter(inPhase(phase));
    const waits: Record<string, number> = {};
    for (const sample of d) for (const [k, v] of Object.entries(sample.waits)) waits[k] = (waits[k] ?? 0) + v;
    const top = Object.entries(waits)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${(v / Math.max(1, d.length)).toFixed(1)}`)
      .join(', ');
    const select = sorted(d.map((x) => x.selectMs));
    const upsert = sorted(d.map((x) => x.upsertMs));
    const saturated = d.filter((x) => x.active >= poolSize).length / Math.max(1, d.length);
    lines.push(
      `  ${phase.name.padEnd(17)} loop delay p99 ${f(Math.max(0, ...p.map((x) => x.p99)))} ms, busy ${(mean(p.map((x) => x.elu)) * 100).toFixed(0)}%; RSS peak ${mb(Math.max(0, ...r.map((x) => x.kib)))}` +
        ` · db active ${mean(d.map((x) => x.active)).toFixed(1)} / ${Math.max(0, ...d.map((x) => x.active))}, all busy ${(saturated * 100).toFixed(0)}%${top ? `, waits ${top}` : ''}` +
        `; select ${f(percentile(select, 50))} / ${f(percentile(select, 99))} ms, upsert ${f(percentile(upsert, 50))} / ${f(percentile(upsert, 99))} ms`,
    );
    // Where the resident set went, as the server itself saw it once a second (the most over the phase, MiB).
    const most = (key: keyof ProbeSample) => Math.max(0, ...p.map((x) => Number(x[key] ?? 0))).toFixed(0);
    const sum = (key: keyof ProbeSample) => p.reduce((n, x) => n + Number(x[key] ?? 0), 0);
    if (p.some((x) => x.rssMiB !== undefined))
      lines.push(
        `  ${''.padEnd(17)} memory (most, MiB): heap used ${most('heapMiB')}, reserved ${most('heapTotalMiB')}, young generation ${most('newSpaceMiB')}, old in use ${most('oldSpaceMiB')}; outside the heap ${most('externalMiB')} (buffers ${most('arrayBuffersMiB')}); open sockets ${most('sockets')}; in GC ${(sum('gcMs') / Math.max(1, p.length) / 10).toFixed(1)}% of the time (major ${(sum('majorGcMs') / Math.max(1, p.length) / 10).toFixed(1)}%)`,
      );
  }
  return lines;
}

const readProbe = (file: string): ProbeSample[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeSample)
    : [];

export async function examDayBench(options: ExamDayOptions): Promise<string[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('the exam benchmark needs PostgreSQL: set TEST_DATABASE_URL=postgres://…');
  const o = options;
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
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

    // Baselines first, with the same workers and client as the exam.
    say('baselines: bare Fastify route, single-row upsert');
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
    say(`baseline: pgbench -N, ${o.pgbenchClients} clients, ${o.pgbenchSeconds} s`);
    const pgbench = await pgbenchN(serverUrl, o.pgbenchClients, o.pgbenchSeconds);

    say(`seeding ${int(o.candidates)} candidates, and their earlier sitting published`);
    const seeded = await seedSitting(database.url, o.candidates);

    const port = await freePort();
    const config = loadConfig({ NODE_ENV: 'production', DEMO: 'false' });
    const probeFile = join(dir, 'probe.jsonl');
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DEMO: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      SERVER_PROCESSES: String(o.processes),
      LOG_SIGNING_KEY: generateLogSignerKey(config.log.origin),
      BENCH_PROBE_FILE: probeFile,
      ...(o.heapSnapshotDir ? { BENCH_HEAP_SNAPSHOT_DIR: o.heapSnapshotDir } : {}),
    };
    const serverConfig = loadConfig({ ...process.env, ...env });
    const poolSize = serverConfig.databasePoolSize;
    const nodeArgs = [
      ...o.nodeFlags.split(' ').filter(Boolean),
      ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : []),
    ];
    const serverLog = join(dir, 'server.log');
    // Taken here, in this process: the server's profile counts time on the machine's monotonic clock.
    const monotonicOffset = monotonicOffsetUs();
    say('starting the server');
    server = await startServer(env, serverLog, nodeArgs);
    const rss = sampleRss(() => server?.pid ?? 0);
    const dbSamples = sampleDatabase(database.url);
    const signInFrom = Date.now();

    say(`${int(o.signIns)} sign-ins`);
    const candidateShares = shares<BenchCandidate>(seeded.candidates, o.workers);
    const cookieName = serverConfig.session.cookieName;
    await workers.run(candidateShares.map((candidates) => ({ type: 'sessions', candidates, cookieName })));
    const signIn = merge(
      await workers.run(
        shares(seeded.candidates.slice(0, o.signIns), o.workers).map((candidates, i) => ({
          type: 'sign-in',
          baseUrl: server!.url,
          candidates,
          password: BENCH_PASSWORD,
          concurrency: split(o.signInConcurrency)[i]!,
        })),
      ),
      'sign-in',
    );

    // The sitting's clock: Start opens in two seconds; saves run steady in three stretches, then
    // through the kill; the submit window opens after them and the sitting ends just after it, so
    // every candidate submits in the last minute before the deadline.
    const startAt = Date.now() + 2_000;
    const saveFrom = startAt + o.startWindowSeconds * 1000 + 3_000;
    const third = (o.saveSeconds * 1000) / 3;
    const steadyTo = saveFrom + 3 * third;
    const submitAt = steadyTo + o.crashSeconds * 1000;
    const endsAt = submitAt + o.submitWindowSeconds * 1000 + 10_000;
    const phases: Phase[] = [
      { name: 'sign-in', from: signInFrom, to: startAt },
      { name: 'start burst', from: startAt, to: saveFrom },
      { name: 'quiet', from: saveFrom, to: saveFrom + third },
      { name: 'sign-ins', from: saveFrom + third, to: saveFrom + 2 * third },
      { name: 'readers', from: saveFrom + 2 * third, to: steadyTo },
      ...(o.crashSeconds > 0 ? [{ name: 'kill -9', from: steadyTo, to: submitAt }] : []),
      { name: 'submit', from: submitAt, to: endsAt },
    ];
    const savePhases = phases.filter((p) => ['quiet', 'sign-ins', 'readers', 'kill -9'].includes(p.name));
    await scheduleSitting(database.url, seeded.sittingId, {
      startsAt: new Date(startAt - 1_000),
      entryClosesAt: new Date(saveFrom + 30_000),
      endsAt: new Date(endsAt),
    });
    say(
      `exam: starts within ${o.startWindowSeconds} s, ${int(o.saveRate)} saves/s for ${o.saveSeconds} s (+ readers, sign-ins)${o.crashSeconds ? `, kill -9 and ${o.crashSeconds} s more` : ''}, submits over ${o.submitWindowSeconds} s`,
    );
    const resultFiles = candidateShares.map((_, i) => join(dir, `acked-${i}.json`));
    const readerPaths = [
      { label: 'pass list', path: `/api/results/${seeded.publishedSittingId}` },
      {
        label: 'register',
        path: `/api/register/results?sitting=${encodeURIComponent(seeded.publishedSittingCode)}&limit=50`,
      },
      { label: 'own result', path: '/api/attempts/{attempt}/result' },
    ];
    const examSigners = shares(seeded.candidates.slice(0, o.examSignIns), o.workers);
    const examRun = workers.run(
      resultFiles.map((resultFile, i): WorkerCommand => ({
        type: 'exam',
        baseUrl: server!.url,
        resultFile,
        plan: {
          startAt,
          startWindowMs: o.startWindowSeconds * 1000,
          saveFrom,
          saveRate: split(o.saveRate)[i]!,
          savePhases,
          submitAt,
          submitWindowMs: o.submitWindowSeconds * 1000,
          readers: {
            count: split(o.readers)[i]!,
            from: saveFrom + 2 * third,
            windowMs: o.readWindowSeconds * 1000,
            paths: readerPaths,
          },
          signIns: {
            candidates: examSigners[i]!,
            password: BENCH_PASSWORD,
            from: saveFrom + third,
            concurrency: Math.max(1, Math.floor(o.signInConcurrency / o.workers / 2)),
          },
        },
      })),
    );
    // kill -9 a few seconds into the last stretch of saves, and start again on the same port at once.
    let downMs = 0;
    let firstDeath: string | null = null;
    if (o.crashSeconds > 0) {
      await new Promise((resolve) =>
        setTimeout(resolve, steadyTo + Math.min(5_000, (o.crashSeconds * 1000) / 3) - Date.now()),
      );
      firstDeath = server.exited();
      say('kill -9 of the server; starting it again');
      const killedAt = Date.now();
      await killHard(server.child);
      server = await startServer(env, serverLog, nodeArgs);
      downMs = Date.now() - killedAt;
    }
    const exam = await examRun;
    const rssSamples = rss.stop();
    const databaseSamples = await dbSamples.stop();
    const died = firstDeath ?? server.exited();
    await stopProcess(server.child);
    server = null;

    say('checking every acknowledged save against attempt_answers');
    const check = await checkAnswers(database.url, seeded.sittingId, resultFiles);

    const names = [...new Set(exam.flatMap((r) => Object.keys(r.ops)))];
    const order = (n: string) =>
      ['start', 'paper', 'save', ...savePhases.map((p) => `save · ${p.name}`), 'submit', 'sign-in · exam'].indexOf(
        n,
      ) >>> 0;
    names.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const ops = Object.fromEntries(names.map((n) => [n, merge(exam, n)]));
    const sum = (key: 'staleAcks' | 'abandoned' | 'lateSaves' | 'unsubmitted' | 'submitRetries') =>
      exam.reduce((n, r) => n + (r[key] ?? 0), 0);
    const phaseSeconds = (name: string) => {
      const p = phases.find((x) => x.name === name);
      return p ? (p.to - p.from) / 1000 : Number.NaN;
    };

    lines.push(
      `exam-day bench on PostgreSQL: ${int(o.candidates)} candidates, ${o.workers} load worker processes; load average before the run ${loadBefore}`,
    );
    lines.push(
      `set-up: bank and blueprint ${(seeded.timings.bankMs / 1000).toFixed(1)} s; ${int(o.candidates)} users + bookings ${(seeded.timings.usersMs / 1000).toFixed(1)} s; close booking (papers drawn and stored) ${(seeded.timings.closeMs / 1000).toFixed(1)} s; the earlier sitting finalised and published ${(seeded.timings.publishMs / 1000).toFixed(1)} s`,
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
      `  pgbench -N (scale 10, ${pgbench.clients} clients, ${pgbench.seconds} s) ${int(pgbench.tps).padStart(6)} tps   latency average ${pgbench.latencyMs.toFixed(2)} ms`,
    );
    lines.push(
      `sign-in: ${int(signIn.n)} in ${signIn.seconds.toFixed(1)} s = ${signIn.rate.toFixed(1)}/s (${o.signInConcurrency} in flight; Argon2id each)   p50 / p95 / p99 ${lat(signIn)}   errors ${signIn.errors}`,
    );
    lines.push(
      `op                |   count |    ok/s | p50 / p95 / p99             | ×bare p50/p95/p99        | ×upsert p50/p95/p99     | errors`,
    );
    for (const [name, s] of Object.entries(ops)) {
      // A stretch of saves is rated by what was acknowledged over the stretch's own length.
      const rate = name.startsWith('save · ') ? s.ok / phaseSeconds(name.slice(7)) : s.rate;
      lines.push(
        `${name.padEnd(17)} | ${int(s.n).padStart(7)} | ${rate.toFixed(1).padStart(7)} | ${lat(s).padEnd(27)} | ${ratio(s, bare).padEnd(24)} | ${ratio(s, upsert).padEnd(23)} | ${s.errors}`,
      );
    }
    const errorKinds = Object.entries({ 'sign-in': signIn, ...ops }).flatMap(([name, s]) =>
      Object.entries(s.errorKinds).map(([kind, n]) => `${name} ${kind}: ${n}`),
    );
    lines.push(`errors: ${errorKinds.length ? errorKinds.join('; ') : 'none'}`);
    if (o.crashSeconds > 0)
      lines.push(
        `kill -9 ${((steadyTo + Math.min(5_000, (o.crashSeconds * 1000) / 3) - startAt) / 1000).toFixed(0)} s after the start burst; the server answered again ${(downMs / 1000).toFixed(1)} s later (saves sent meanwhile failed and were not acknowledged)`,
      );
    lines.push(
      `answers: ${int(check.checked)} items' last acknowledged saves checked in ${int(check.attempts)} attempts: ${check.lost} lost, ${check.different} different` +
        `, ${check.unacknowledged} stored without an acknowledgement; stale acks ${sum('staleAcks')}; candidates left without a paper ${sum('abandoned')}; saves sent > 1 s late ${sum('lateSaves')}; submits failed ${sum('unsubmitted')}; submits sent again after a refused connection ${sum('submitRetries')}`,
    );
    for (const example of check.examples) lines.push(`  ${example}`);
    lines.push(
      `attempts after the run: ${Object.entries(check.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} (finalised by ${Object.entries(check.finalisedBy)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    const probe = readProbe(probeFile);
    lines.push(...phaseLines(phases, probe, rssSamples, databaseSamples, poolSize));
    const peakKib = Math.max(0, ...rssSamples.map((x) => x.kib));

    // The issue's targets, each with what this run measured.
    const quiet = ops['save · quiet'];
    const withReaders = ops['save · readers'];
    const reads = Object.entries(ops).filter(([n]) => n.startsWith('read '));
    const quietRate = quiet ? quiet.ok / phaseSeconds('quiet') : 0;
    const mark = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    const start = ops.start;
    const submit = ops.submit;
    lines.push('targets (issue 16):');
    if (start)
      lines.push(
        `  start burst: ${int(start.ok)} of ${int(o.candidates)} pressing Start within ${o.startWindowSeconds} s served, p99 ${f(start.p99)} ms (< 1 s): ${mark(start.ok === o.candidates && start.p99 < 1000)}`,
      );
    if (quiet)
      lines.push(
        `  autosaves: ${int(quietRate)} acknowledged/s of ${int(o.saveRate)} offered, p99 ${f(quiet.p99)} ms; ×${(quietRate / pgbench.tps).toFixed(2)} of pgbench -N (≥ 2,000/s, < 100 ms, ≥ ×0.25): ${mark(quietRate >= 2000 && quiet.p99 < 100 && quietRate >= 0.25 * pgbench.tps)}`,
      );
    if (submit)
      lines.push(
        `  submits at the deadline: ${int(submit.ok)} in ${o.submitWindowSeconds} s, p99 ${f(submit.p99)} ms, ${submit.errors} errors (< 1 s, 0): ${mark(submit.p99 < 1000 && submit.errors === 0 && submit.ok === (start?.ok ?? 0))}`,
      );
    lines.push(`  server memory: peak RSS ${mb(peakKib)} (< 400 MB): ${mark(peakKib * 1024 < 400e6)}`);
    lines.push(
      `  answers under kill -9: ${check.lost} lost, ${check.different} altered (0): ${mark(check.lost === 0 && check.different === 0)}`,
    );
    if (reads.length) {
      const worst = Math.max(...reads.map(([, s]) => s.p99));
      const readErrors = reads.reduce((n, [, s]) => n + s.errors, 0);
      lines.push(
        `  results day, ${int(o.readers)} readers: ${reads.map(([n, s]) => `${n.slice(5)} p99 ${f(s.p99)} ms`).join(', ')}, ${readErrors} errors (< 200 ms): ${mark(worst < 200 && readErrors === 0)}; saves meanwhile p99 ${withReaders ? f(withReaders.p99) : '-'} ms against ${quiet ? f(quiet.p99) : '-'} ms when quiet`,
      );
    }
    const errorCount = signIn.errors + (start?.errors ?? 0) + (ops.paper?.errors ?? 0) + (submit?.errors ?? 0);
    if (died) lines.push(`THE SERVER EXITED BY ITSELF DURING THE RUN (${died})`);
    if (died || errorCount > 0) {
      const log = readFileSync(serverLog, 'utf8').trim().split('\n').slice(-15);
      lines.push(`last lines of the server's log (${serverLog}):`, ...log.map((l) => `  ${l.slice(0, 400)}`));
    }
    if (o.profileDir) {
      lines.push(
        `CPU profile of the server (the process alive at the end, with the killed one's if it wrote one): ${o.profileDir}`,
      );
      // Each phase, and the starts' own stretch (from the burst to the last start or paper answered, which
      // under a backlog runs on into the saves), with the requests answered in it: the server's CPU per request.
      const answered = (from: number, to: number) => {
        const counts: Record<string, number> = {};
        for (const result of exam)
          for (const [name, stats] of Object.entries(result.ops)) {
            const op = name.startsWith('save') ? 'save' : name;
            for (const at of stats.answeredAt ?? []) if (at >= from && at < to) counts[op] = (counts[op] ?? 0) + 1;
          }
        return counts;
      };
      const startsTo = Math.max(startAt, ...exam.flatMap((r) => ['start', 'paper'].map((n) => r.ops[n]?.lastAt ?? 0)));
      const windows: ProfileWindow[] = [
        ...(start ? [{ name: 'starts and papers', from: startAt, to: startsTo + 1 }] : []),
        ...phases.filter((p) => p.name !== 'sign-in'),
      ].map((w) => ({ ...w, requests: answered(w.from, w.to) }));
      lines.push(...profileSummary(o.profileDir, 12, windows, monotonicOffset));
    }
    finished = !died && errorCount === 0;
    return lines;
  } finally {
    if (server) await stopProcess(server.child);
    if (baselineServer) await stopProcess(baselineServer.child);
    await workers.stop();
    await database.drop();
    // A failed run keeps its folder: the server's log is in it.
    // The probe's samples go beside the heap snapshots they explain.
    if (o.heapSnapshotDir && existsSync(join(dir, 'probe.jsonl')))
      copyFileSync(join(dir, 'probe.jsonl'), join(o.heapSnapshotDir, 'probe.jsonl'));
    if (finished) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`the run's files, the server's log among them, are in ${dir}\n`);
  }
}
