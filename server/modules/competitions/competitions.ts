import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Notify } from '../notices/notify';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import type { AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import { createAgenciesRepository } from './agencies.repository';
import { agenciesRoutes } from './agencies.routes';
import { createAgenciesService } from './agencies.service';
import { createApplicationsRepository } from './applications.repository';
import { applicationsRoutes } from './applications.routes';
import { createApplicationsService } from './applications.service';
import { createAppointmentsRepository } from './appointments.repository';
import { appointmentsRoutes } from './appointments.routes';
import { createAppointmentsService } from './appointments.service';
import { createInterviewsRepository } from './interviews.repository';
import { interviewsRoutes } from './interviews.routes';
import { createInterviewsService } from './interviews.service';
import { createRoundsRepository } from './rounds.repository';
import { roundsRoutes } from './rounds.routes';
import { createRoundsService, type VacancyRegister } from './rounds.service';
import { createStagesRepository } from './stages.repository';
import { stagesRoutes } from './stages.routes';
import { createStagesService, writtenMarksFrom, type SittingMarks, type WrittenMarksReader } from './stages.service';
import { createVacancyDetailReader } from './vacancy-detail';

/** Wires the competitions module: agencies, rounds and their stages, applications, interviews and appointments. */
export function createCompetitions(deps: {
  db: Db;
  clock: Clock;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** The public register's read model, written in the same transaction as each log entry. */
  register: VacancyRegister;
  /** Applicants told of their application, interview and appointment (issue 17). */
  notices: Pick<Notify, 'notify' | 'notifyMany'>;
  /** Written work's final marks per sitting (the blind double marking); without it no written stage is scored. */
  marking?: SittingMarks;
}) {
  const { db, clock, log, audit, register, notices } = deps;
  const agenciesRepository = createAgenciesRepository(db);
  const roundsRepository = createRoundsRepository(db);
  const applicationsRepository = createApplicationsRepository(db);
  const interviewsRepository = createInterviewsRepository(db);
  const appointmentsRepository = createAppointmentsRepository(db);
  const stagesRepository = createStagesRepository(db);
  const written: WrittenMarksReader = deps.marking
    ? writtenMarksFrom({ repository: stagesRepository, marking: deps.marking })
    : { finalMarks: async () => new Map(), reveal: async () => {} };
  const detail = createVacancyDetailReader({
    rounds: roundsRepository,
    interviews: interviewsRepository,
    appointments: appointmentsRepository,
  });
  return {
    agencies: createAgenciesService({ db, clock, repository: agenciesRepository, audit }),
    rounds: createRoundsService({
      db,
      clock,
      repository: roundsRepository,
      agencies: agenciesRepository,
      stages: stagesRepository,
      log,
      register,
      audit,
    }),
    applications: createApplicationsService({
      db,
      clock,
      repository: applicationsRepository,
      rounds: roundsRepository,
      notices,
    }),
    interviews: createInterviewsService({
      db,
      clock,
      repository: interviewsRepository,
      applications: applicationsRepository,
      rounds: roundsRepository,
      detail,
      log,
      audit,
      notices,
    }),
    appointments: createAppointmentsService({
      db,
      clock,
      repository: appointmentsRepository,
      interviews: interviewsRepository,
      rounds: roundsRepository,
      detail,
      log,
      register,
      audit,
      notices,
    }),
    stages: createStagesService({
      db,
      clock,
      repository: stagesRepository,
      rounds: roundsRepository,
      interviews: interviewsRepository,
      applications: applicationsRepository,
      written,
      log,
      audit,
      notices,
    }),
  };
}

export type Competitions = ReturnType<typeof createCompetitions>;

export const competitionsRoutes: FastifyPluginAsyncTypebox<{ competitions: Competitions }> = async (
  app,
  { competitions },
) => {
  await app.register(agenciesRoutes, { agencies: competitions.agencies });
  await app.register(roundsRoutes, { rounds: competitions.rounds });
  await app.register(applicationsRoutes, { applications: competitions.applications });
  await app.register(interviewsRoutes, { interviews: competitions.interviews });
  await app.register(appointmentsRoutes, { appointments: competitions.appointments });
  await app.register(stagesRoutes, { stages: competitions.stages });
};
