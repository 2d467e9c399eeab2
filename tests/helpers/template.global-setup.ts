import type { TestProject } from 'vitest/node';
import { createPostgresTemplate, pgliteTemplateFile, PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV } from './database';

/**
 * Migrates once, for the integration projects: on PGlite into a data directory dumped to a file (kept between
 * runs while the migrations stay the same), on PostgreSQL into a template database for this run. Each test
 * file then loads or clones it (`createTestDatabase`) instead of running initdb and every migration again.
 * Workers learn where it is from the environment, which they inherit from this process.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = project.config.env;
  const serverUrl = env.TEST_DB === 'postgres' ? env.TEST_DATABASE_URL : undefined;
  if (!serverUrl) {
    process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplateFile();
    return async () => {
      delete process.env[PGLITE_TEMPLATE_ENV];
    };
  }
  const template = await createPostgresTemplate(serverUrl);
  process.env[POSTGRES_TEMPLATE_ENV] = template.name;
  return async () => {
    delete process.env[POSTGRES_TEMPLATE_ENV];
    await template.drop();
  };
}
