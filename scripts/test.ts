/**
 * `npm test`: the whole matrix in one command.
 * - unit tests and the integration suite on PGlite, always;
 * - the integration suite again on PostgreSQL when TEST_DATABASE_URL is set (CI sets it);
 * - the browser suite in Chromium when /usr/bin/chromium exists (CI requires it).
 * It ends with one plain line, `tests: N passed, N failed`, whatever the runner printed before.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm test [-- <vitest filters>]\nEnv: TEST_DATABASE_URL=postgres://… adds the PostgreSQL leg; CHROMIUM_PATH overrides /usr/bin/chromium.\n',
  );
  process.exit(0);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const browser = existsSync(chromium) || ci;

process.stdout.write(
  `databases: PGlite${process.env.TEST_DATABASE_URL ? ' + PostgreSQL' : ''}; browser: ${browser ? chromium : 'none'}\n`,
);
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

if (browser && run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
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
