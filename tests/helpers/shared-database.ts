import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../db/index';
import {
  createTestDatabase,
  dropPostgresDatabase,
  saveNewTestDatabase,
  testPostgresServer,
  type SavedDatabase,
} from './database';
import { readOnceWritten, writeWhole } from './whole-file';

/**
 * Set by the integration projects' global setup (`template.global-setup.ts`): a folder of the run's, one for
 * each engine, where the databases that several files start from are saved once (see `sharedTestDatabase`).
 */
export const SHARED_DIR_ENV = { pglite: 'IMTAHAN_TEST_SHARED_PGLITE', postgres: 'IMTAHAN_TEST_SHARED_POSTGRES' };

/** What the file that built a shared database left for the others: where it is and what `build` returned. */
type Outcome<T> = { saved: SavedDatabase; made: T } | { failed: string };

/**
 * A copy, for one test file, of a database that `build` fills, built once per project and run by the first file
 * that asks and saved for the others (the demo, whose seeding takes 20–30 s, was seeded again by each file). A
 * file that asks while another builds it waits. `build` gets a fresh migrated database and returns what the copies
 * need besides it (JSON). Outside the integration projects, each call builds its own.
 */
export async function sharedTestDatabase<T>(
  name: string,
  build: (database: DbHandle) => Promise<T>,
  timeoutMs = 600_000,
): Promise<{ database: DbHandle; made: T }> {
  const dir = process.env[SHARED_DIR_ENV[testPostgresServer() ? 'postgres' : 'pglite']];
  if (!dir) {
    const database = await createTestDatabase();
    return { database, made: await build(database) };
  }
  const place = join(dir, name);
  const outcomeFile = `${place}.json`;
  if (claim(place)) {
    let outcome: Outcome<T>;
    try {
      let made: T | undefined;
      const saved = await saveNewTestDatabase(
        async (database) => {
          made = await build(database);
        },
        join(place, 'dump.tar'),
      );
      outcome = { saved, made: made as T };
    } catch (error) {
      outcome = { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    writeWhole(outcomeFile, JSON.stringify(outcome));
  }
  const outcome = JSON.parse(
    await readOnceWritten(outcomeFile, timeoutMs, `the shared database ${name}`),
  ) as Outcome<T>;
  if ('failed' in outcome) throw new Error(`the shared database ${name} could not be built: ${outcome.failed}`);
  return { database: await createTestDatabase(outcome.saved), made: outcome.made };
}

/** Whether this file is the first to ask for `place` (creating a folder is atomic: one caller wins). */
function claim(place: string): boolean {
  try {
    mkdirSync(place);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Drops the PostgreSQL databases saved in `dir` (at the end of the run; PGlite's dumps go with the folder). */
export async function dropSharedDatabases(dir: string, serverUrl: string): Promise<void> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const outcome = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Outcome<unknown>;
    if ('saved' in outcome && 'postgres' in outcome.saved)
      await dropPostgresDatabase(serverUrl, outcome.saved.postgres);
  }
}
