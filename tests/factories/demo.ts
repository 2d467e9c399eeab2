import { buildApp } from '../../server/app';
import { systemClock } from '../../server/clock';
import { loadConfig } from '../../server/config';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import type { DbHandle } from '../../db/index';
import { TEST_ENV, type TestApp } from '../helpers/app';
import { sharedTestDatabase } from '../helpers/shared-database';

/** An app with the demo seeded, on a database of its own. */
export type DemoApp = Pick<TestApp, 'app' | 'services' | 'database'> & { close: () => Promise<void> };

const demoConfig = () => loadConfig({ ...TEST_ENV, DEMO: 'true' });

/** The demo's app on `database`, signing the log with `signingKey`, on the system clock (see `seededDemoApp`). */
async function demoAppOn(database: DbHandle, signingKey: string) {
  return buildApp({ config: demoConfig(), database, clock: systemClock, logSigner: parseSignerKey(signingKey) });
}

/**
 * The demo as on a first start: it writes its history (sittings sat, results published, stages and appointments)
 * only on a clock that moves, so the app runs on the system clock, not a test's fixed one. The demo is seeded once
 * a run and engine, by the first file that asks, and each file gets a copy, with the log's signing key it was
 * seeded with. Seeding takes minutes on a loaded machine: give the `beforeAll` a long timeout.
 */
export async function seededDemoApp(): Promise<DemoApp> {
  const { database, made: signingKey } = await sharedTestDatabase('demo', async (empty) => {
    const key = generateLogSignerKey(demoConfig().log.origin);
    const { app, services } = await demoAppOn(empty, key);
    try {
      await app.ready();
      await services.demo.seed();
    } finally {
      await app.close();
    }
    return key;
  });
  try {
    const { app, services } = await demoAppOn(database, signingKey);
    await app.ready();
    return {
      app,
      services,
      database,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
