/**
 * The browser suite's one demo: seeded once per run into a data folder that every server started by
 * `startServer` copies, instead of each seeding its own. Its dates are those of this moment; a test
 * that needs time to pass moves its own server's clock. The server itself is compiled once too. The
 * migrated, empty database is the integration projects' PGlite template (kept between runs), which the demo
 * and any file that builds its own database (held-attempts) load instead of running initdb and every migration.
 * The demo is seeded in a process of its own (tests/e2e/seed-demo.ts) while the run goes on: vitest runs every
 * project's global setup before any test file, so seeding here held every project up.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGLITE_TEMPLATE_ENV, pgliteTemplateFile } from '../helpers/database';
import { buildServerBundle, ensureWebBuild } from '../helpers/server';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureWebBuild();
  // Workers and the seeding process inherit it from this process's environment, as in the integration projects.
  process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplateFile();
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-e2e-demo-'));
  const seeded = `${dataDir}.seeded`;
  const started = Date.now();
  const seeding = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'seed-demo.ts'), dataDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) =>
    seeding.once('exit', (code, signal) => {
      if (code === 0) process.stdout.write(`e2e: demo seeded once in ${Date.now() - started} ms (${dataDir})\n`);
      // A process that died without saying why still lets the waiting servers fail at once.
      else if (!existsSync(seeded)) writeFileSync(seeded, `the demo's seeding process ended with ${code ?? signal}`);
      resolve();
    }),
  );
  // Built afresh each run, so the servers never run code older than the sources under test.
  project.provide('serverBundle', buildServerBundle());
  project.provide('demoDataDir', dataDir);
  return async () => {
    if (seeding.exitCode === null && seeding.signalCode === null) seeding.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(seeded, { force: true });
    delete process.env[PGLITE_TEMPLATE_ENV];
  };
}
