import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from '../db/index';
import { nationalIdRegistry } from './core/national-id/index';
import { createAuditRepository } from './modules/audit/audit.repository';
import { createAuditLogService } from './modules/audit/audit.service';
import { createResultsExportRepository } from './modules/exports/results-export.repository';
import { createResultsExportService } from './modules/exports/results-export.service';
import { createImportsRepository } from './modules/imports/imports.repository';
import { createImportsService } from './modules/imports/imports.service';
import { createAuthService } from './modules/auth/auth.service';
import { createSessionsRepository } from './modules/auth/sessions.repository';
import { createThrottlesRepository } from './modules/auth/throttles.repository';
import { createRateLimitsRepository } from './modules/auth/rate-limits.repository';
import { createDemoService } from './modules/demo/demo.service';
import { createDemoPopulationRepository } from './modules/demo/demo.population.repository';
import { createDemoWitness } from './modules/demo/demo.witness';
import { createLogRepository } from './modules/log/log.repository';
import { createLogService } from './modules/log/log.service';
import { createWitnessRepository } from './modules/log/witnesses.repository';
import { createWitnessService } from './modules/log/witnesses.service';
import type { NoteSigner } from './core/signed-note';
import { createBlueprintsRepository } from './modules/blueprints/blueprints.repository';
import { createBlueprintsService } from './modules/blueprints/blueprints.service';
import { createQuestionsRepository } from './modules/questions/questions.repository';
import { createQuestionsService } from './modules/questions/questions.service';
import { createSettingsRepository } from './modules/settings/settings.repository';
import { createUsersRepository } from './modules/users/users.repository';
import { createUsersService } from './modules/users/users.service';
import { createAttemptsRepository } from './modules/attempts/attempts.repository';
import { createAttemptsService } from './modules/attempts/attempts.service';
import { createUnsentAnswersRepository } from './modules/attempts/unsent-answers.repository';
import { createUnsentAnswersService } from './modules/attempts/unsent-answers.service';
import { createBookingsRepository } from './modules/bookings/bookings.repository';
import { createBookingsService } from './modules/bookings/bookings.service';
import { createSittingsRepository } from './modules/sittings/sittings.repository';
import { createSittingsService } from './modules/sittings/sittings.service';
import { createSittingNotices } from './modules/sittings/sitting-notices';
import { createAppealsRepository } from './modules/appeals/appeals.repository';
import { createAppealsService } from './modules/appeals/appeals.service';
import { createAnnulmentAppealsRepository } from './modules/appeals/annulment-appeals.repository';
import { createAnnulmentAppealsService } from './modules/appeals/annulment-appeals.service';
import { createRescoringRepository } from './modules/appeals/rescoring.repository';
import { createRescoringService } from './modules/appeals/rescoring.service';
import { createRulingsRepository } from './modules/appeals/rulings.repository';
import { createVersionCache } from './modules/questions/version-cache';
import { createCertificatesRepository } from './modules/certificates/certificates.repository';
import { createCertificatesService } from './modules/certificates/certificates.service';
import { createResultsRepository } from './modules/results/results.repository';
import { createResultsService } from './modules/results/results.service';
import { resultStanding } from './modules/results/standing';
import { createRegisterRepository } from './modules/register/register.repository';
import { createRegisterService } from './modules/register/register.service';
import { createCompetitions } from './modules/competitions/competitions';
import {
  createBlueprintStatisticsRepository,
  createStatisticsRepository,
} from './modules/statistics/statistics.repository';
import { createStatisticsService } from './modules/statistics/statistics.service';
import { createInvigilationRepository } from './modules/invigilation/invigilation.repository';
import { createInvigilationService } from './modules/invigilation/invigilation.service';
import { createOutboxRepository } from './modules/mail/outbox.repository';
import { createOutbox } from './modules/mail/outbox.service';
import { createNoticesRepository } from './modules/notices/notices.repository';
import { createNoticesService } from './modules/notices/notices.service';
import { createMarkingRepository } from './modules/marking/marking.repository';
import { createMarkingService } from './modules/marking/marking.service';
import { createMarkingAppealsRepository } from './modules/marking/marking-appeals.repository';
import { createMarkingAppealsService } from './modules/marking/marking-appeals.service';
import { createAccountService } from './modules/auth/account.service';
import { createPasswordResetsRepository } from './modules/auth/password-resets.repository';
import { createConsultationsRepository } from './modules/consultations/consultations.repository';
import { createConsultationsService } from './modules/consultations/consultations.service';

/** Wires repositories into services once; routes, scripts and the demo seed all share them. */
export function createServices(deps: {
  db: Db;
  /** Public reads that may lag (the register, log tiles, pass lists): a read replica, or `db` itself. */
  readDb?: Db | undefined;
  config: Config;
  clock: Clock;
  logSigner: NoteSigner;
}) {
  const { db, config, clock, logSigner } = deps;
  const readDb = deps.readDb ?? db;
  const replica = readDb !== db;
  const users = createUsersRepository(db);
  const sessions = createSessionsRepository(db);
  const audit = createAuditRepository(db);
  const settings = createSettingsRepository(db);
  const nationalIds = nationalIdRegistry(config.nationalIdSchemes);
  const throttles = createThrottlesRepository(db);
  // Mails are written in the transaction of the action that causes them (outbox.enqueue) and sent later.
  const outbox = createOutbox({ clock, repository: createOutboxRepository(db), delivering: !!config.mail.smtpUrl });
  // What happens to an applicant, told in their inbox and by mail, inside the transaction of the action (issue 17).
  const notices = createNoticesService({
    db,
    clock,
    repository: createNoticesRepository(db),
    outbox,
    users,
    publicUrl: config.publicUrl,
  });
  const auth = createAuthService({ db, config, clock, users, sessions, throttles, audit, nationalIds });
  const usersService = createUsersService({ db, clock, users, sessions, audit });
  const account = createAccountService({
    db,
    config,
    clock,
    users,
    sessions,
    throttles,
    resets: createPasswordResetsRepository(db),
    outbox,
    audit,
  });
  const log = createLogService({
    db,
    clock,
    repository: createLogRepository(db),
    reads: replica ? createLogRepository(readDb) : undefined,
    signer: logSigner,
    origin: config.log.origin,
  });
  // The demo's own witness, in process and marked as such (it proves nothing); never outside the demo.
  const demoWitness = config.demo
    ? createDemoWitness({ dataDir: config.dataDir, logVerifierKey: log.verifierKey, now: clock })
    : undefined;
  // Cosignatures asked of the configured witnesses in the background; /log/checkpoint waits for the quorum.
  const witnesses = createWitnessService({
    clock,
    repository: createWitnessRepository(db),
    logRepository: createLogRepository(db),
    log,
    witnesses: demoWitness ? [...config.log.witnesses, demoWitness.witness] : config.log.witnesses,
    quorum: config.log.witnessQuorum,
    send: demoWitness?.send,
    reads: replica
      ? { repository: createWitnessRepository(readDb), logRepository: createLogRepository(readDb) }
      : undefined,
  });
  const questions = createQuestionsService({ db, clock, repository: createQuestionsRepository(db), audit });
  const blueprintsRepository = createBlueprintsRepository(db);
  const blueprints = createBlueprintsService({ db, clock, repository: blueprintsRepository, questions, audit });
  const versionCache = createVersionCache(db);
  const attemptsRepository = createAttemptsRepository(db, versionCache);
  const sittingsRepository = createSittingsRepository(db);
  const bookingsRepository = createBookingsRepository(db);
  const rulings = createRulingsRepository(db, versionCache);
  const resultsRepository = createResultsRepository(db);
  const certificatesRepository = createCertificatesRepository(db);
  const attempts = createAttemptsService({
    db,
    clock,
    config,
    repository: attemptsRepository,
    rulings,
    settings,
    audit,
    standing: resultStanding({ results: resultsRepository, certificates: certificatesRepository }),
  });
  const certificates = createCertificatesService({
    clock,
    validYears: config.certificates.validYears,
    repository: certificatesRepository,
    log,
    notices,
  });
  const register = createRegisterService({
    repository: createRegisterRepository(db),
    reads: replica ? createRegisterRepository(readDb) : undefined,
    clock,
  });
  const markingRepository = createMarkingRepository(db);
  const markingAppealsRepository = createMarkingAppealsRepository(db);
  const marking = createMarkingService({
    db,
    clock,
    repository: markingRepository,
    appeals: markingAppealsRepository,
    log,
    audit,
  });
  // Appeals against a marking, decided by a marker who did not mark the script.
  const markingAppeals = createMarkingAppealsService({
    db,
    clock,
    repository: markingAppealsRepository,
    marking: markingRepository,
    log,
    audit,
    notices,
  });
  // Written-work stages read the blind double marking's final marks.
  const competitions = createCompetitions({ db, clock, log, audit, register, notices, marking });
  const results = createResultsService({
    db,
    clock,
    graceMs: config.attempts.graceMs,
    repository: resultsRepository,
    attempts,
    attemptsRepository,
    rulings,
    certificates,
    register,
    log,
    audit,
    reads: replica ? createResultsRepository(readDb) : undefined,
    notices,
  });
  const unsentAnswers = createUnsentAnswersService({
    repository: createUnsentAnswersRepository(db),
    paperSecret: attempts.paperSecret,
    storedAsShown: attempts.storedAsShown,
  });
  const rescoring = createRescoringService({
    db,
    clock,
    batchSize: config.rescoring.batch,
    repository: createRescoringRepository(db),
    rulings,
    log,
    audit,
    republish: results.republish,
  });
  const appeals = createAppealsService({
    db,
    clock,
    repository: createAppealsRepository(db),
    rulings,
    rescoring,
    log,
    audit,
    bank: questions,
    notices,
  });
  const annulmentAppeals = createAnnulmentAppealsService({
    db,
    clock,
    repository: createAnnulmentAppealsRepository(db),
    attemptsRepository,
    attempts,
    audit,
    republish: results.republish,
    notices,
  });
  const sittings = createSittingsService({
    db,
    clock,
    repository: sittingsRepository,
    bookings: bookingsRepository,
    attemptsRepository,
    attempts,
    blueprints: blueprintsRepository,
    questions,
    audit,
    log,
    notices: createSittingNotices({ outbox, repository: sittingsRepository, publicUrl: config.publicUrl, notices }),
    graceMs: config.attempts.graceMs,
  });
  const bookings = createBookingsService({
    db,
    clock,
    graceMs: config.attempts.graceMs,
    repository: bookingsRepository,
    sittings: sittingsRepository,
    audit,
    notices,
  });
  const invigilation = createInvigilationService({
    db,
    clock,
    repository: createInvigilationRepository(db),
    audit,
    attempts,
    graceMs: config.attempts.graceMs,
  });
  const statistics = createStatisticsService({
    db,
    clock,
    repository: createStatisticsRepository(db),
    blueprints: createBlueprintStatisticsRepository(db),
    log,
  });
  const consultations = createConsultationsService({
    db,
    clock,
    repository: createConsultationsRepository(db),
    audit,
    outbox,
    notices,
    holidays: config.publicHolidays,
    publicUrl: config.publicUrl,
  });
  const demo = createDemoService({
    clock,
    auth,
    usersService,
    users,
    settings,
    log,
    questions,
    blueprints,
    sittings,
    bookings,
    attempts,
    results,
    competitions,
    invigilation,
    population: createDemoPopulationRepository(db),
    consultations,
    witnesses,
    marking,
  });
  return {
    witnesses,
    repositories: { users, sessions, audit, settings, rateLimits: createRateLimitsRepository(db) },
    auditLog: createAuditLogService({ clock, repository: audit }),
    resultsExport: createResultsExportService({
      clock,
      repository: createResultsExportRepository(db),
      results,
      audit,
    }),
    imports: createImportsService({ db, clock, repository: createImportsRepository(db), nationalIds, audit }),
    nationalIds,
    outbox,
    notices,
    auth,
    account,
    users: usersService,
    log,
    questions,
    blueprints,
    sittings,
    bookings,
    attempts,
    unsentAnswers,
    rulings,
    appeals,
    annulmentAppeals,
    rescoring,
    certificates,
    results,
    register,
    competitions,
    marking,
    markingAppeals,
    statistics,
    invigilation,
    consultations,
    demo,
  };
}

export type Services = ReturnType<typeof createServices>;
