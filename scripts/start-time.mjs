#!/usr/bin/env node
/**
 * How long the server takes from launch to ready: starts the command given (with PORT set), polls
 * GET /api/health every 50 ms until it answers 200, prints the time and whether a page answers, then stops it.
 *   node scripts/start-time.mjs [--port 3917] [--runs 3] -- node build-server/main.js
 * Give it an existing, migrated database (DATABASE_URL) to measure a restart.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    port: { type: 'string', default: '3917' },
    runs: { type: 'string', default: '1' },
    help: { type: 'boolean' },
  },
  allowPositionals: true,
});
if (values.help || positionals.length === 0) {
  process.stdout.write('Usage: node scripts/start-time.mjs [--port N] [--runs N] -- <command…>\n');
  process.exit(values.help ? 0 : 2);
}
const base = `http://127.0.0.1:${values.port}`;

/**
 * The CPU time (user + system) a process and its children have used, in ms (Linux): what the start costs
 * whatever else the machine is doing, where the wall-clock time also counts waiting for a busy CPU.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime: fields 14–17 of stat, counted from the state (field 3) here.
    const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
    return ticks * 10 + children.reduce((n, child) => n + cpuMs(child), 0);
  } catch {
    return NaN;
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const status = (path) =>
  fetch(`${base}${path}`).then(
    (r) => r.status,
    () => 0,
  );

for (let run = 1; run <= Number(values.runs); run += 1) {
  const started = performance.now();
  const child = spawn(positionals[0], positionals.slice(1), {
    env: { ...process.env, PORT: values.port },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let healthy = 0;
  while (healthy === 0) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if ((await status('/api/health')) === 200) healthy = performance.now() - started;
    else await sleep(50);
  }
  const cpu = cpuMs(child.pid);
  const page = await status('/');
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  process.stdout.write(
    `run ${run}: healthy after ${Math.round(healthy)} ms (CPU ${cpu} ms; load average ${load}); GET / then answered ${page}\n`,
  );
  child.kill('SIGTERM');
  await exited;
}
