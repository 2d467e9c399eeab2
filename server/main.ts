import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { createDb } from '../db/index';
import { buildApp } from './app';
import { fileClock, systemClock } from './clock';
import { runCluster, type ReadyMessage } from './cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { webPlugin, type NodeHandler } from './plugins/web';
import { formatDemoBanner } from './modules/demo/demo.banner';
import { loadLogSigner } from './modules/log/log-key';
import { startBackgroundJobs } from './sweeper';
import { logTransport, smtpTransport } from './modules/mail/transport';

const WEB_HANDLER = join(process.cwd(), 'build', 'handler.js');

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it collects again
 * (a percentage; V8's own choice is up to 300 % while the program allocates fast). Thousands of requests in flight
 * outlive the young generation, so their garbage reaches the old one: on the exam-day bench the heap in use swung
 * between 60 and 290 MiB (600 MiB on a quiet machine) around 70 MiB alive. Bounding the growth keeps the heap near
 * what is alive, for a few more full collections. V8 reads the flag whenever it sets the next limit, so it holds
 * when set here, as the server starts (by `npm start`, the bench, or each process of a cluster); a
 * `node --heap-growing-percent=N` on the command line wins.
 */
const HEAP_GROWING_PERCENT = 30;
if (!process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag)))
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.processes > 1 && cluster.isPrimary)
    return runCluster(config.processes, (text) => process.stdout.write(text));
  await serve(config);
}

/**
 * One server process: API, pages and background jobs. Alone, or one of a cluster's processes, of which
 * only the first migrates the database and seeds the demo (the others start once it is ready).
 */
async function serve(config: Config): Promise<void> {
  const prepares = !cluster.isWorker || cluster.worker?.id === 1;
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
    readUrl: config.databaseReadUrl,
  });
  if (prepares) await database.migrate();

  const logKey = loadLogSigner(config);
  // Browser tests move a test server's time through a file (loadConfig allows that only under NODE_ENV=test).
  const clock = config.testClockFile ? fileClock(config.testClockFile) : systemClock;
  // Healthy means ready: /api/health answers 503 until the pages are served too, and again once closing.
  let ready = false;
  const { app, services } = await buildApp({
    config,
    database,
    logger,
    clock,
    logSigner: logKey.signer,
    ready: () => ready,
  });
  if (logKey.created && config.databaseUrl) {
    app.log.warn(
      { file: config.log.signingKeyFile },
      'made a new transparency-log signing key; processes sharing this database must share it (LOG_SIGNING_KEY)',
    );
  }
  if (prepares && config.demo && !(await services.demo.isSeeded())) {
    app.log.info('first start: seeding the demo');
    await services.demo.seed();
  }

  let handler: NodeHandler | null = null;
  await app.register(webPlugin, { handler: () => handler });

  // Mails from the outbox, after their transactions commit; without SMTP_URL they go to the log (the demo).
  const transport = config.mail.smtpUrl
    ? smtpTransport(config.mail.smtpUrl, config.mail.from)
    : logTransport((mail) =>
        app.log.info({ to: mail.to, subject: mail.subject }, `mail kept (no SMTP_URL):\n${mail.text}`),
      );

  // Every process runs the timers; each round of a job runs in one process at a time (database.exclusive).
  const background = startBackgroundJobs(
    [
      // Booking closes at its deadline (the papers are drawn), and attempts nobody submitted are finalised.
      { name: 'close-booking', run: () => services.sittings.closeDueBookings() },
      { name: 'sweep-attempts', run: () => services.attempts.sweep() },
      // Re-scoring after an upheld appeal on its own timer, so that a long job never delays the exam's sweep.
      { name: 'rescoring', run: () => services.rescoring.runPending() },
      // Item statistics after publication and re-scoring, in the background: never on a request's path.
      {
        name: 'item-statistics',
        run: () =>
          services.statistics.refreshStale((sittingId, error) =>
            app.log.error({ err: error, sittingId }, 'item statistics failed'),
          ),
      },
      // Each booked candidate reminded once, a day before the start (issue 17's notices).
      { name: 'exam-reminders', run: () => services.notices.remindUpcoming() },
      { name: 'mail', run: async () => (await services.outbox.sendDue(transport)).sent },
      // Witnesses asked to cosign the newest checkpoint (issue 19); each on its own backoff, never on publishing's path.
      { name: 'log-witnesses', run: () => services.witnesses.run() },
      { name: 'rate-limits', run: () => services.repositories.rateLimits.purge(clock()) },
    ],
    {
      everyMs: config.attempts.sweepMs,
      exclusive: (name, work) => database.exclusive(name, work),
      onDone: (job, done) => app.log.info({ job, done }, 'background job done'),
      onError: (job, error) => app.log.error({ err: error, job }, 'background job failed'),
    },
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      app.log.warn('second signal: exiting at once');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    ready = false;
    background.stop();
    transport.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  // In a cluster the primary stops its processes with SIGTERM; a terminal's Ctrl-C reaches them too, and is left to it.
  if (!cluster.isWorker) process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host, backlog: config.listenBacklog });
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

  ready = true;

  const url = `http://localhost:${port}`;
  const notice =
    `\nimtahan is serving ${url} (database: ${database.kind}${config.databaseReadUrl ? ' with a read replica' : ''})\n` +
    (config.demo ? formatDemoBanner(await services.demo.accounts(), url) : '');
  if (cluster.isWorker) process.send!({ type: 'imtahan:ready', notice } satisfies ReadyMessage);
  else process.stdout.write(notice);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
