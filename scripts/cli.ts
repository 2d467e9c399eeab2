import { join } from 'node:path';
import { createDb, type DbHandle } from '../db/index';
import { systemClock } from '../server/clock';
import { loadConfig, type Config } from '../server/config';
import { createServices, type Services } from '../server/services';
import { loadLogSigner } from '../server/modules/log/log-key';

/** Opens the configured database the way the server does, migrated, for a command-line tool. */
export async function openForScript(): Promise<{ config: Config; database: DbHandle; services: Services }> {
  const config = loadConfig();
  const database = createDb({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    appRole: config.databaseApp.role,
    appDatabaseUrl: config.databaseApp.url,
  });
  await database.migrate();
  const logSigner = loadLogSigner(config).signer;
  return {
    config,
    database,
    services: createServices({ db: database.db, config, clock: systemClock, logSigner }),
  };
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
