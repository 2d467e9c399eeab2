/**
 * The browser suite's one demo: seeded once per run into a data folder that every server started by
 * `startServer` copies, instead of each seeding its own. Its dates are those of this moment; a test
 * that needs time to pass moves its own server's clock. The server itself is compiled once too. The
 * migrated, empty database is the integration projects' PGlite template (kept between runs), which the demo
 * and any file that builds its own database (held-attempts) load instead of running initdb and every migration.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../../server/clock';
import { loadConfig } from '../../server/config';
import { loadLogSigner } from '../../server/modules/log/log-key';
import { logTransport } from '../../server/modules/mail/transport';
import { stopAnalysisThread } from '../../server/modules/statistics/analysis-thread';
import { createServices } from '../../server/services';
import { migratedPglite, PGLITE_TEMPLATE_ENV, pgliteTemplateFile } from '../helpers/database';
import { buildServerBundle, ensureWebBuild } from '../helpers/server';

/**
 * Seeds the demo into `dataDir` as the server's first start does (DEMO=true on the embedded database),
 * and does what the server's background jobs would do next: computes the published sitting's item statistics,
 * and sends the demo's mails (about 2,800) to the log, as a demo without SMTP_URL does. Left queued, every
 * copy's server sent them again, 200 each 5-second round for its first minute (about 6 CPU s a file), and the
 * password-reset test's reset mail waited behind them all at its SMTP server.
 */
export async function seedDemoDataDir(dataDir: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'true', DATA_DIR: dataDir });
  const database = await migratedPglite(join(dataDir, 'pglite'));
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
  } finally {
    // The statistics ran on a worker thread in this process, which must not outlive the setup.
    await stopAnalysisThread();
    await database.close();
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  ensureWebBuild();
  // Workers inherit it from this process's environment, as in the integration projects.
  process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplateFile();
  // Built afresh each run, so the servers never run code older than the sources under test.
  project.provide('serverBundle', buildServerBundle());
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-e2e-demo-'));
  const started = Date.now();
  await seedDemoDataDir(dataDir);
  process.stdout.write(`e2e: demo seeded once in ${Date.now() - started} ms (${dataDir})\n`);
  project.provide('demoDataDir', dataDir);
  return () => {
    rmSync(dataDir, { recursive: true, force: true });
    delete process.env[PGLITE_TEMPLATE_ENV];
  };
}
