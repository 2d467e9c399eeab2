/**
 * Results day's pass list (issue 16): N public readers of one sitting's pass list of `candidates` rows,
 * all within a second, against the real server in its own process on PostgreSQL. The same run measures
 * the server's bare route (`/api/health`) as the baseline, so the figures compare across a loaded
 * machine as ratios; the server's resident set is sampled through each phase.
 *
 *   TEST_DATABASE_URL=postgres://… npm run bench -- pass-list [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { createBenchDatabase } from './exam-day/database';
import { sampleRss, startServer, stopProcess } from './exam-day/processes';
import { seedSitting } from './exam-day/seed';
import { percentile } from './stats';

interface Reading {
  ms: number;
  status: number;
  bytes: number;
  etag: string | undefined;
}

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

/** One GET, its body read to the end and counted, not kept (thousands of 0.6 MB bodies would fill the client). */
function get(agent: Agent, base: URL, path: string, headers: Record<string, string>): Promise<Reading> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path, headers: { accept: 'application/json', ...headers } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            bytes,
            etag: res.headers.etag,
          }),
        );
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve({ ms: performance.now() - started, status: 0, bytes: 0, etag: undefined }));
    req.end();
  });
}

/** `count` readers spread evenly over one second, each its own request on the agent's keep-alive sockets. */
async function burst(agent: Agent, base: URL, path: string, count: number, headers: Record<string, string> = {}) {
  const began = performance.now();
  const readings = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<Reading>((resolve) =>
          setTimeout(() => void get(agent, base, path, headers).then(resolve), (i * 1000) / count),
        ),
    ),
  );
  return { readings, seconds: (performance.now() - began) / 1000 };
}

export async function passListBench(o: { candidates: number; readers: number }): Promise<string[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return ['pass-list bench: needs PostgreSQL (set TEST_DATABASE_URL)'];
  const lines = [`pass-list bench: ${o.readers} readers within a second, a pass list of ${o.candidates} results`];
  const say = (line: string) => process.stderr.write(`[pass-list] ${line}\n`);
  const database = await createBenchDatabase(serverUrl);
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-pass-list-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    say(`seeding ${o.candidates} candidates and their published sitting`);
    const seeded = await seedSitting(database.url, o.candidates);
    const port = await freePort();
    const config = loadConfig({ NODE_ENV: 'production', DEMO: 'false' });
    server = await startServer(
      {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        DEMO: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        LOG_SIGNING_KEY: generateLogSignerKey(config.log.origin),
        BENCH_PROBE_FILE: join(dir, 'probe.jsonl'),
      },
      join(dir, 'server.log'),
    );
    const base = new URL(server.url);
    const pid = server.pid;
    const passList = `/api/results/${seeded.publishedSittingId}`;
    const first = await get(new Agent(), base, passList, {});
    if (first.status !== 200) throw new Error(`the pass list answered ${first.status}`);
    lines.push(`one pass list: ${(first.bytes / 1e6).toFixed(2)} MB; load average ${loadavg()[0]!.toFixed(1)}`);

    // The sockets opened once, by a burst not counted, so no phase pays for connecting (or for warming up).
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    say('warming up');
    await burst(agent, base, '/api/health', o.readers);
    const phases: [string, string, Record<string, string>][] = [
      ['/api/health, a select 1 (baseline)', '/api/health', {}],
      ['pass list', passList, {}],
      ['pass list, gzip accepted', passList, { 'accept-encoding': 'gzip' }],
      ['pass list, If-None-Match current', passList, first.etag ? { 'if-none-match': first.etag } : {}],
    ];
    let bare: { p50: number; p99: number } | undefined;
    for (const [name, path, headers] of phases) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      say(name);
      const rss = sampleRss(() => pid, 100);
      const { readings, seconds } = await burst(agent, base, path, o.readers, headers);
      const samples = rss.stop();
      const ms = readings.map((r) => r.ms).sort((a, b) => a - b);
      const p50 = percentile(ms, 50);
      const p99 = percentile(ms, 99);
      bare ??= { p50, p99 };
      const statuses = new Map<number, number>();
      for (const r of readings) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const mb = readings.reduce((n, r) => n + r.bytes, 0) / 1e6;
      const peak = Math.max(...samples.map((s) => s.kib)) / 1024;
      lines.push(
        `${name.padEnd(34)} p50 ${p50.toFixed(0).padStart(6)} ms (×${(p50 / bare.p50).toFixed(1)})  p99 ${p99.toFixed(0).padStart(6)} ms (×${(p99 / bare.p99).toFixed(1)})  ` +
          `${[...statuses].map(([s, n]) => `${n}×${s}`).join(' ')}  ${mb.toFixed(0)} MB in ${seconds.toFixed(1)} s  ` +
          `RSS ${(samples[0]!.kib / 1024).toFixed(0)} → peak ${peak.toFixed(0)} MB`,
      );
    }
    agent.destroy();
  } finally {
    if (server) await stopProcess(server.child);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
