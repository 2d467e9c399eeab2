import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

/** pgbench from PGBENCH, else from the newest PostgreSQL under /usr/lib/postgresql, else from PATH. */
function pgbenchPath(): string {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(`${root}/${v}/bin/pgbench`)) return `${root}/${v}/bin/pgbench`;
  return 'pgbench';
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  clients: number;
  seconds: number;
}

/**
 * PostgreSQL's own write throughput on this machine: `pgbench -N` (TPC-B without the contended
 * branch and teller updates: three statements and an insert per transaction) at scale 10, in a
 * throw-away database on the server of `serverUrl`.
 */
export async function pgbenchN(serverUrl: string, clients: number, seconds: number): Promise<PgbenchResult> {
  const name = `imtahan_bench_pgbench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const pgbench = pgbenchPath();
    await run(pgbench, ['-i', '-q', '-s', '10', url.toString()]);
    const { stdout } = await run(pgbench, [
      '-N',
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(seconds),
      url.toString(),
    ]);
    const tps = /tps = ([\d.]+)/.exec(stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps || !latency) throw new Error(`pgbench printed no figures:\n${stdout}`);
    return { tps: Number(tps[1]), latencyMs: Number(latency[1]), clients, seconds };
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
