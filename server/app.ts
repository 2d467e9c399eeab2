import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DbHandle } from '../db/index';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { NoteSigner } from './core/signed-note';
import { createServices, type Services } from './services';
import { usePasswordHashCost } from './modules/auth/password';
import authPlugin from './plugins/auth';
import errorsPlugin from './plugins/errors';
import requestLogPlugin from './plugins/request-log';
import openapiPlugin from './plugins/openapi';
import sheddingPlugin from './plugins/shedding';
import securityPlugin from './plugins/security';
import validationPlugin from './plugins/validation';
import { buildLazySerializer } from './plugins/lazy-serializers';
import { auditRoutes } from './modules/audit/audit.routes';
import { resultsExportRoutes } from './modules/exports/results-export.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { healthRoutes } from './modules/health/health.routes';
import { logRoutes } from './modules/log/log.routes';
import { blueprintsRoutes } from './modules/blueprints/blueprints.routes';
import { questionsRoutes } from './modules/questions/questions.routes';
import { metaRoutes } from './modules/meta/meta.routes';
import { usersRoutes } from './modules/users/users.routes';
import { attemptsRoutes } from './modules/attempts/attempts.routes';
import { unsentAnswersRoutes } from './modules/attempts/unsent-answers.routes';
import { bookingsRoutes } from './modules/bookings/bookings.routes';
import { sittingsRoutes } from './modules/sittings/sittings.routes';
import { appealsRoutes } from './modules/appeals/appeals.routes';
import { annulmentAppealsRoutes } from './modules/appeals/annulment-appeals.routes';
import { certificatesRoutes } from './modules/certificates/certificates.routes';
import { resultsRoutes } from './modules/results/results.routes';
import { registerRoutes } from './modules/register/register.routes';
import { competitionsRoutes } from './modules/competitions/competitions';
import { statisticsRoutes } from './modules/statistics/statistics.routes';
import { invigilationRoutes } from './modules/invigilation/invigilation.routes';
import { mailRoutes } from './modules/mail/mail.routes';
import { noticesRoutes } from './modules/notices/notices.routes';
import { markingRoutes } from './modules/marking/marking.routes';
import { markingAppealsRoutes } from './modules/marking/marking-appeals.routes';
import { accountRoutes } from './modules/auth/account.routes';
import { consultationsRoutes } from './modules/consultations/consultations.routes';

export interface BuildAppOptions {
  config: Config;
  database: DbHandle;
  /** The transparency log's signing key (see `loadLogSigner`). */
  logSigner: NoteSigner;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Whether the process serves everything yet (server/main.ts: once the pages are loaded); tests are ready at once. */
  ready?: () => boolean;
}

export interface App {
  app: FastifyInstance;
  services: Services;
}

/** JSON bodies above this are refused with 413 before they are parsed. */
export const API_BODY_LIMIT = 64 * 1024;

/** Builds the API. Tests call this directly and talk to it through `app.inject()`. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  usePasswordHashCost(config.passwordHashCost);
  const services = createServices({
    db: database.db,
    readDb: database.readDb,
    config,
    clock,
    logSigner: options.logSigner,
  });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: API_BODY_LIMIT,
    // One line per failed or slow request instead (plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    schemaController: { compilersFactory: { buildSerializer: buildLazySerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(requestLogPlugin);
  await app.register(validationPlugin);
  await app.register(openapiPlugin);
  await app.register(securityPlugin, { config, rateLimits: services.repositories.rateLimits, clock });
  await app.register(sheddingPlugin, config.shedding);
  await app.register(authPlugin, { config, auth: services.auth });

  await app.register(healthRoutes, { db: database.db, dbKind: database.kind, ready: options.ready ?? (() => true) });
  await app.register(metaRoutes, { demo: config.demo ? services.demo : null, nationalIds: services.nationalIds });
  await app.register(authRoutes, { auth: services.auth, config });
  await app.register(accountRoutes, { account: services.account, config });
  await app.register(usersRoutes, { users: services.users });
  await app.register(auditRoutes, { audit: services.auditLog });
  await app.register(resultsExportRoutes, { exports: services.resultsExport });
  await app.register(importsRoutes, { imports: services.imports });
  await app.register(logRoutes, { log: services.log, witnesses: services.witnesses });
  await app.register(questionsRoutes, { questions: services.questions });
  await app.register(blueprintsRoutes, { blueprints: services.blueprints });
  await app.register(sittingsRoutes, { sittings: services.sittings });
  await app.register(bookingsRoutes, {
    bookings: services.bookings,
    attempts: services.attempts,
    publicUrl: config.publicUrl,
  });
  await app.register(attemptsRoutes, { attempts: services.attempts, sittings: services.sittings });
  await app.register(unsentAnswersRoutes, { unsent: services.unsentAnswers, attempts: services.attempts });
  await app.register(appealsRoutes, { appeals: services.appeals, rescoring: services.rescoring });
  await app.register(annulmentAppealsRoutes, { annulmentAppeals: services.annulmentAppeals });
  await app.register(resultsRoutes, { results: services.results });
  await app.register(certificatesRoutes, { certificates: services.certificates, publicUrl: config.publicUrl });
  await app.register(registerRoutes, { register: services.register });
  await app.register(competitionsRoutes, { competitions: services.competitions });
  await app.register(statisticsRoutes, { statistics: services.statistics });
  await app.register(invigilationRoutes, { invigilation: services.invigilation });
  await app.register(mailRoutes, { outbox: services.outbox });
  await app.register(consultationsRoutes, { consultations: services.consultations, config });
  await app.register(noticesRoutes, { notices: services.notices });
  await app.register(markingRoutes, { marking: services.marking });
  await app.register(markingAppealsRoutes, { markingAppeals: services.markingAppeals });

  return { app, services };
}
