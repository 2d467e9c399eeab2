import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPostgresTemplate, pgliteTemplateFile, PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV } from './database';
import { dropSharedDatabases, SHARED_DIR_ENV } from './shared-database';

/**
 * Migrates once, for the integration projects: on PGlite into a data directory dumped to a file (kept between
 * runs while the migrations stay the same), on PostgreSQL into a template database for this run. Each test
 * file then loads or clones it (`createTestDatabase`) instead of running initdb and every migration again.
 * Also makes the run's folder for databases several files start from (`sharedTestDatabase`), one per engine.
 * Workers learn where they are from the environment, which they inherit from this process.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = project.config.env;
  const serverUrl = env.TEST_DB === 'postgres' ? env.TEST_DATABASE_URL : undefined;
  const sharedEnv = SHARED_DIR_ENV[serverUrl ? 'postgres' : 'pglite'];
  const shared = mkdtempSync(join(tmpdir(), 'imtahan-test-shared-'));
  process.env[sharedEnv] = shared;
  const removeShared = async () => {
    delete process.env[sharedEnv];
    if (serverUrl) await dropSharedDatabases(shared, serverUrl);
    rmSync(shared, { recursive: true, force: true });
  };
  if (!serverUrl) {
    process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplateFile();
    return async () => {
      delete process.env[PGLITE_TEMPLATE_ENV];
      await removeShared();
    };
  }
  const template = await createPostgresTemplate(serverUrl);
  process.env[POSTGRES_TEMPLATE_ENV] = template.name;
  return async () => {
    delete process.env[POSTGRES_TEMPLATE_ENV];
    await removeShared();
    await template.drop();
  };
}
