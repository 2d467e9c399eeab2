import { buildApp } from '../../server/app';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import type { TestApp } from '../helpers/app';

/**
 * A second server process on the test app's database and clock, ready to take requests: what one process keeps
 * in memory, the other has never seen, so only what the database holds is shared. The caller closes its `app`.
 */
export async function secondProcess(t: TestApp) {
  const other = await buildApp({
    config: t.config,
    database: t.database,
    clock: t.clock.read,
    logSigner: parseSignerKey(generateLogSignerKey(t.config.log.origin)),
  });
  await other.app.ready();
  return other;
}
