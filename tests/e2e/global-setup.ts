/**
 * The browser suite's one demo: seeded once per run into a data folder that every server started by
 * `startServer` copies, instead of each seeding its own. Its dates are those of this moment; a test
 * that needs time to pass moves its own server's clock. The server itself is compiled once too. The
 * migrated, empty database is the integration projects' PGlite template (kept between runs), which the demo
 * and any file that builds its own database (held-attempts) load instead of running initdb and every migration.
 * The demo is seeded in a process of its own (tests/e2e/seed-demo.ts) while the run goes on: vitest runs every
 * project's global setup before any test file, so seeding here held every project up.
 *
 * With TEST_DATABASE_URL (as in CI), the demo is seeded into a PostgreSQL database instead, which each server clones
 * (`CREATE DATABASE … TEMPLATE`): PostgreSQL is what a centre runs in production, and a server on it answered the
 * browser suite's pages for less CPU than on the embedded database, which must load a copy of the folder into
 * WebAssembly at every start. The embedded database keeps its own tests in the integration-pglite project, and in
 * the browser files whose server is given a folder of its own (held-attempts, and any started without the demo).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { newPostgresDatabase, PGLITE_TEMPLATE_ENV, pgliteTemplateFile } from '../helpers/database';
import { buildServerBundle, ensureWebBuild } from '../helpers/server';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureWebBuild();
  // Workers and the seeding process inherit it from this process's environment, as in the integration projects.
  process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplateFile();
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-e2e-demo-'));
  const seeded = `${dataDir}.seeded`;
  const serverUrl = process.env.TEST_DATABASE_URL;
  // Created empty here (a statement), migrated and seeded in the seeding process.
  const demoDatabase = serverUrl ? await newPostgresDatabase(serverUrl, 'imtahan_e2e_demo') : undefined;
  const started = Date.now();
  const seeding = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'seed-demo.ts'),
      dataDir,
      ...(demoDatabase ? [demoDatabase.url] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
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
  project.provide('demoDatabase', demoDatabase ? { serverUrl: serverUrl!, name: demoDatabase.name } : null);
  return async () => {
    if (seeding.exitCode === null && seeding.signalCode === null) seeding.kill('SIGTERM');
    await exited;
    await demoDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(seeded, { force: true });
    delete process.env[PGLITE_TEMPLATE_ENV];
  };
}
