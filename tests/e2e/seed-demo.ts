/**
 * Seeds the browser suite's demo into a data folder, in a process of its own, started by the suite's global setup
 * (tests/e2e/global-setup.ts): `node --import tsx tests/e2e/seed-demo.ts DIR [DATABASE_URL]`. With a PostgreSQL
 * database's URL (empty, as the setup creates it) the demo goes there and the folder keeps only the log's signing key;
 * without, into the folder's embedded database. When done it writes DIR.seeded ("ok", or why it failed), which each
 * server waits for before it copies the folder, and the database (tests/helpers/server.ts).
 * Seeded beside the first test files, not before them: vitest runs every project's global setup before any test,
 * so the demo's 25–30 CPU seconds held the whole run up on one core.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/index';
import { rowsOf } from '../../db/rows';
import { systemClock } from '../../server/clock';
import { loadConfig } from '../../server/config';
import { loadLogSigner } from '../../server/modules/log/log-key';
import { logTransport } from '../../server/modules/mail/transport';
import { stopAnalysisThread } from '../../server/modules/statistics/analysis-thread';
import { createServices } from '../../server/services';
import { migratedPglite } from '../helpers/database';
import { writeWhole } from '../helpers/whole-file';

/**
 * Seeds the demo into `dataDir` as the server's first start does (DEMO=true on the embedded database),
 * and does what the server's background jobs would do next: computes the published sitting's item statistics,
 * and sends the demo's mails (about 2,800) to the log, as a demo without SMTP_URL does. Left queued, every
 * copy's server sent them again, 200 each 5-second round for its first minute (about 6 CPU s a file), and the
 * password-reset test's reset mail waited behind them all at its SMTP server.
 */
export async function seedDemoDataDir(dataDir: string, databaseUrl?: string): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO: 'true',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = databaseUrl
    ? createDb({ databaseUrl, maxConnections: 5 })
    : await migratedPglite(join(dataDir, 'pglite'));
  if (databaseUrl) await database.migrate();
  let walInUse: string | undefined;
  try {
    const services = createServices({
      db: database.db,
      config,
      clock: systemClock,
      logSigner: loadLogSigner(config).signer,
    });
    await services.demo.seed();
    await services.statistics.refreshStale((sittingId, error) => {
      throw new Error(`item statistics of the demo's sitting ${sittingId} failed`, { cause: error });
    });
    const transport = logTransport(() => {});
    for (;;) {
      const { sent, failed } = await services.outbox.sendDue(transport, 1_000);
      if (failed > 0) throw new Error(`${failed} of the demo's mails could not be sent to the log`);
      if (sent === 0) break;
    }
    // PostgreSQL keeps its own WAL; the embedded database's is copied with the folder, so it is trimmed below.
    if (databaseUrl) return;
    await database.ownerDb.execute(sql`checkpoint`);
    const [current] = rowsOf<{ segment: string }>(
      await database.ownerDb.execute(sql`select pg_walfile_name(pg_current_wal_insert_lsn()) as segment`),
    );
    if (!current) throw new Error('the demo database did not say which WAL segment it writes');
    walInUse = current.segment;
  } finally {
    // The statistics ran on a worker thread in this process, which must not outlive the setup.
    await stopAnalysisThread();
    await database.close();
  }
  if (walInUse) dropRecycledWal(join(dataDir, 'pglite', 'pg_wal'), walInUse);
}

/**
 * Deletes the WAL segments PostgreSQL renamed ahead for reuse, which hold nothing: the seed writes about 60 MB of
 * WAL, and the shutdown checkpoint keeps that many segments (up to max_wal_size) for the next writes, so every
 * file's server copied 139 MB of which 61 MB was these. The segment written at the last checkpoint and the one
 * after it stay (the shutdown checkpoint's record is in one of them); a server creates new segments as it needs them.
 */
function dropRecycledWal(walDir: string, inUse: string): void {
  const next = (BigInt(`0x${inUse}`) + 1n).toString(16).toUpperCase().padStart(inUse.length, '0');
  for (const name of readdirSync(walDir)) if (/^[0-9A-F]{24}$/.test(name) && name > next) rmSync(join(walDir, name));
}

/** Says how the seeding ended, beside the folder, for the waiting servers (tests/helpers/server.ts). */
function report(dataDir: string, outcome: string): void {
  writeWhole(`${dataDir}.seeded`, outcome);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, , dataDir, databaseUrl] = process.argv;
  if (!dataDir) throw new Error('usage: node --import tsx tests/e2e/seed-demo.ts DATA_DIR [DATABASE_URL]');
  seedDemoDataDir(dataDir, databaseUrl).then(
    () => report(dataDir, 'ok'),
    (error: unknown) => {
      report(
        dataDir,
        `the demo could not be seeded: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}
