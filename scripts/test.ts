/**
 * `npm test`: the whole matrix in one command.
 * - unit tests and the integration suite on PGlite, always;
 * - the integration suite again on PostgreSQL when TEST_DATABASE_URL is set (CI sets it), with its read-replica
 *   test when TEST_DATABASE_READ_URL names a streaming replica of it (set here when `.ci/replica` can start one);
 * - the browser suite in Chromium when /usr/bin/chromium exists (CI requires it).
 * It ends with one plain line, `tests: N passed, N failed`, whatever the runner printed before.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from './builds.mjs';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm test [-- <vitest filters>]\nEnv: TEST_DATABASE_URL=postgres://… adds the PostgreSQL leg; TEST_DATABASE_READ_URL=postgres://… (a streaming replica of it) adds the read-replica test; CHROMIUM_PATH overrides /usr/bin/chromium.\n',
  );
  process.exit(0);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const browser = existsSync(chromium) || ci;

/**
 * A streaming replica of a PostgreSQL on this machine, for the read-replica test: `.ci/replica` starts one when
 * this runs as root (it acts as the postgres OS user); elsewhere TEST_DATABASE_READ_URL can name one.
 */
function startReplica(primary: string): string | undefined {
  const host = new URL(primary).hostname;
  if (!['127.0.0.1', 'localhost'].includes(host) || process.getuid?.() !== 0 || !existsSync('.ci/replica')) return;
  const started = spawnSync('.ci/replica', ['start'], {
    encoding: 'utf8',
    env: { ...process.env, PRIMARY_PORT: new URL(primary).port || '5432' },
  });
  if (started.status !== 0) {
    process.stdout.write(`notice: could not start a replica (.ci/replica start):\n${started.stderr}`);
    return;
  }
  return started.stdout.trim().split('\n').at(-1);
}
if (process.env.TEST_DATABASE_URL && !process.env.TEST_DATABASE_READ_URL) {
  const replica = startReplica(process.env.TEST_DATABASE_URL);
  if (replica) process.env.TEST_DATABASE_READ_URL = replica;
}

process.stdout.write(
  `databases: PGlite${process.env.TEST_DATABASE_URL ? ` + PostgreSQL${process.env.TEST_DATABASE_READ_URL ? ' with a read replica' : ''}` : ''}; browser: ${browser ? chromium : 'none'}\n`,
);
if (process.env.TEST_DATABASE_URL && !process.env.TEST_DATABASE_READ_URL) {
  process.stdout.write('notice: no TEST_DATABASE_READ_URL, so the read-replica test does not run (CI runs it).\n');
}
if (!process.env.TEST_DATABASE_URL) {
  process.stdout.write('notice: TEST_DATABASE_URL is not set, so the PostgreSQL leg does not run (CI runs it).\n');
}
if (!browser) {
  process.stdout.write(
    `notice: no Chromium at ${chromium}, so the browser suite does not run (apt-get install chromium; CI runs it).\n`,
  );
}

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

// The pages the browser suite serves: built unless a build newer than every source is there (CI builds them beside
// `npm run check`, on the core that the check leaves idle).
if (browser && !buildIfStale('pages')) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}

const outDir = mkdtempSync(join(tmpdir(), 'imtahan-test-'));
const report = join(outDir, 'report.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
let summary: JsonReport | undefined;
if (existsSync(report)) summary = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
rmSync(outDir, { recursive: true, force: true });

const passed = summary?.numPassedTests ?? 0;
const failed = summary ? summary.numFailedTests + (status !== 0 && summary.numFailedTests === 0 ? 1 : 0) : 1;
const skipped = (summary?.numPendingTests ?? 0) + (summary?.numTodoTests ?? 0);
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(status === 0 && passed > 0 ? 0 : 1);
