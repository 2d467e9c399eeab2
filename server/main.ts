import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb } from '../db/index';
import { buildApp } from './app';
import { fileClock, systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { webPlugin, type NodeHandler } from './plugins/web';
import { formatDemoBanner } from './modules/demo/demo.banner';
import { loadLogSigner } from './modules/log/log-key';
import { startSweeper } from './sweeper';
import { logTransport, smtpTransport } from './modules/mail/transport';

const WEB_HANDLER = join(process.cwd(), 'build', 'handler.js');

async function main(): Promise<void> {
  const config = loadConfig();
  const pretty = process.stdout.isTTY;
  const logger = {
    level: config.logLevel,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };

  const database = createDb({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    maxConnections: config.databasePoolSize,
    appRole: config.databaseApp.role,
    appDatabaseUrl: config.databaseApp.url,
  });
  await database.migrate();

  const logKey = loadLogSigner(config);
  // Browser tests move a test server's time through a file (loadConfig allows that only under NODE_ENV=test).
  const clock = config.testClockFile ? fileClock(config.testClockFile) : systemClock;
  const { app, services } = await buildApp({ config, database, logger, clock, logSigner: logKey.signer });
  if (logKey.created && config.databaseUrl) {
    app.log.warn(
      { file: config.log.signingKeyFile },
      'made a new transparency-log signing key; processes sharing this database must share it (LOG_SIGNING_KEY)',
    );
  }
  if (config.demo && !(await services.demo.isSeeded())) {
    app.log.info('first start: seeding the demo');
    await services.demo.seed();
  }

  let handler: NodeHandler | null = null;
  await app.register(webPlugin, { handler: () => handler });

  const sweeper = startSweeper(
    config.attempts.sweepMs,
    async () => {
      await services.sittings.closeDueBookings();
      await services.attempts.sweep();
    },
    (error) => app.log.error({ err: error }, 'sweep failed'),
  );
  // Re-scoring after an upheld appeal on its own timer, so that a long job never delays the exam's sweep.
  const rescoring = startSweeper(
    config.attempts.sweepMs,
    async () => {
      await services.rescoring.runPending();
    },
    (error) => app.log.error({ err: error }, 're-scoring failed'),
  );

  // Item statistics after publication and re-scoring, in the background: never on a request's path.
  const statistics = startSweeper(
    config.attempts.sweepMs,
    async () => {
      await services.statistics.refreshStale((sittingId, error) =>
        app.log.error({ err: error, sittingId }, 'item statistics failed'),
      );
    },
    (error) => app.log.error({ err: error }, 'item statistics failed'),
  );

  // Mails from the outbox, after their transactions commit; without SMTP_URL they go to the log (the demo).
  const transport = config.mail.smtpUrl
    ? smtpTransport(config.mail.smtpUrl, config.mail.from)
    : logTransport((mail) =>
        app.log.info({ to: mail.to, subject: mail.subject }, `mail kept (no SMTP_URL):\n${mail.text}`),
      );
  const mailer = startSweeper(
    config.attempts.sweepMs,
    async () => {
      await services.outbox.sendDue(transport);
    },
    (error) => app.log.error({ err: error }, 'sending mail failed'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      app.log.warn('second signal: exiting at once');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    sweeper.stop();
    rescoring.stop();
    statistics.stop();
    mailer.stop();
    transport.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  // The page renderer reaches the API over loopback, so web and API can also run as two processes.
  process.env.API_URL ??= `http://127.0.0.1:${port}`;
  // adapter-node would assume https; the web plugin hands it how the request really arrived
  // (as Fastify saw it, proxy-aware), so SvelteKit's own CSRF check compares the right origin.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.HOST_HEADER ??= 'x-forwarded-host';
  process.env.ADDRESS_HEADER ??= 'x-real-ip';
  // Question-bank imports are uploaded through a page form; let them be as large as the API accepts (5 MiB).
  process.env.BODY_SIZE_LIMIT ??= '6M';
  if (existsSync(WEB_HANDLER)) {
    handler = ((await import(pathToFileURL(WEB_HANDLER).href)) as { handler: NodeHandler }).handler;
  } else {
    app.log.warn('no web build found: run `npm run build` (npm start does) to serve the pages');
  }

  const url = `http://localhost:${port}`;
  process.stdout.write(`\nimtahan is serving ${url} (database: ${database.kind})\n`);
  if (config.demo) process.stdout.write(formatDemoBanner(await services.demo.accounts(), url));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
