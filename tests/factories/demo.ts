import { buildApp } from '../../server/app';
import { systemClock } from '../../server/clock';
import { loadConfig } from '../../server/config';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { TEST_ENV, type TestApp } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';

/** An app with the demo seeded, on a database of its own. */
export type DemoApp = Pick<TestApp, 'app' | 'services' | 'database'> & { close: () => Promise<void> };

/**
 * The demo as on a first start: it writes its history (sittings sat, results published, stages and appointments)
 * only on a clock that moves, so the app runs on the system clock, not a test's fixed one. Seeding takes minutes
 * on a loaded machine: give the `beforeAll` a long timeout.
 */
export async function seededDemoApp(): Promise<DemoApp> {
  const config = loadConfig({ ...TEST_ENV, DEMO: 'true' });
  const database = await createTestDatabase();
  const logSigner = parseSignerKey(generateLogSignerKey(config.log.origin));
  const { app, services } = await buildApp({ config, database, clock: systemClock, logSigner });
  const close = async () => {
    await app.close();
    await database.close();
  };
  await app.ready();
  try {
    await services.demo.seed();
  } catch (error) {
    await close();
    throw error;
  }
  return { app, services, database, close };
}
