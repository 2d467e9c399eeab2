import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { CompetitionRound } from '../../../db/schema/index';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../errors';
import { conflict } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogEvent, LogService } from '../log/log.service';
import type { RegisterRecorder } from '../register/register.types';
import type { Actor } from '../../actor';
import type { AgenciesRepository } from './agencies.repository';
import type { StagesRepository } from './stages.repository';
import type { RoundsRepository, VacancyRow } from './rounds.repository';
import type { AdminRound, PublicRound, PublicVacancy, RoundBody, VacancyBody } from './rounds.schemas';
import { announcedTerms, localisedJson, publicVacancy, registerVacancyRow } from './vacancy-view';

export type VacancyRegister = Pick<RegisterRecorder, 'recordVacancy' | 'recordAppointment'>;

function checkRound(input: RoundBody): void {
  const problems: FieldProblem[] = [];
  if (input.testWeight + input.interviewWeight === 0)
    problems.push({
      field: 'interviewWeight',
      code: 'weights_zero',
      message: 'The test and interview weights cannot both be zero.',
    });
  const keys = input.rubric.map((c) => c.key);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i)
      problems.push({ field: `rubric.${i}.key`, code: 'duplicate', message: 'Two criteria have the same key.' });
  });
  if (problems.length) throw new ValidationError(problems);
}

const TAKEN: Record<string, FieldProblem> = {
  competition_rounds_code_key: { field: 'code', code: 'taken', message: 'A round with this code already exists.' },
  vacancies_code_key: { field: 'code', code: 'taken', message: 'A vacancy with this code already exists.' },
};

/** Rounds and their vacancies: drafted, then announced through the log, after which they never change. */
export function createRoundsService(deps: {
  db: Db;
  clock: Clock;
  repository: RoundsRepository;
  agencies: AgenciesRepository;
  stages: Pick<StagesRepository, 'ofRound'>;
  log: Pick<LogService, 'append'>;
  register: VacancyRegister;
  audit: AuditRepository;
}) {
  const { db, clock, repository, agencies, stages, log, register, audit } = deps;

  async function write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await transaction(db, work);
    } catch (error) {
      const taken = TAKEN[uniqueViolation(error) ?? ''];
      if (taken) throw new ConflictError([taken]);
      throw error;
    }
  }

  async function checkVacancy(input: VacancyBody, now: Date): Promise<void> {
    const problems: FieldProblem[] = [];
    if (!(await agencies.find(input.agencyId)))
      problems.push({ field: 'agencyId', code: 'unknown', message: 'There is no such agency.' });
    const category = await repository.category(input.categoryCode);
    if (!category) problems.push({ field: 'categoryCode', code: 'unknown', message: 'There is no such category.' });
    else if (category.parentCode === null)
      problems.push({ field: 'categoryCode', code: 'not_subgroup', message: 'Choose a subgroup, not a whole group.' });
    if (new Date(input.applicationDeadline).getTime() <= now.getTime())
      problems.push({
        field: 'applicationDeadline',
        code: 'in_past',
        message: 'The application deadline must be in the future.',
      });
    if (problems.length) throw new ValidationError(problems);
  }

  /** A round's terms as staff set them, created or edited alike; at most three applications unless it says. */
  const roundFields = (input: RoundBody) => ({
    code: input.code,
    title: input.title,
    testWeight: input.testWeight,
    interviewWeight: input.interviewWeight,
    rubric: input.rubric,
    applicationLimit: input.applicationLimit ?? 3,
  });

  const vacancyFields = (input: VacancyBody) => ({
    code: input.code,
    agencyId: input.agencyId,
    position: input.position,
    categoryCode: input.categoryCode,
    places: input.places,
    location: input.location.trim(),
    requirements: input.requirements,
    interviewProgramme: input.interviewProgramme,
    applicationDeadline: new Date(input.applicationDeadline),
  });

  async function adminRound(round: CompetitionRound): Promise<AdminRound> {
    const [rows, announcer] = await Promise.all([
      repository.vacanciesOf([round.id]),
      repository.announcer(round.announcedBy),
    ]);
    return {
      ...announcedTerms(round),
      status: round.status,
      createdAt: round.createdAt.toISOString(),
      announcedBy: announcer,
      vacancies: rows.map(publicVacancy),
    };
  }

  async function getAdmin(id: string): Promise<AdminRound> {
    const round = await repository.find(id);
    if (!round) throw new NotFoundError('No such round.');
    return adminRound(round);
  }

  /** The draft round, locked, or a refusal: an announced round's terms are published. */
  async function draftRound(id: string): Promise<CompetitionRound> {
    const round = await repository.lock(id);
    if (!round) throw new NotFoundError('No such round.');
    if (round.status !== 'draft')
      throw conflict('id', 'round.announced', 'This round is announced; its terms can no longer change.');
    return round;
  }

  async function draftVacancy(id: string) {
    const vacancy = await repository.lockVacancy(id);
    if (!vacancy) throw new NotFoundError('No such vacancy.');
    if (vacancy.status !== 'draft')
      throw conflict('id', 'vacancy.announced', 'This vacancy is announced; it can only be closed.');
    return vacancy;
  }

  return {
    async list(): Promise<AdminRound[]> {
      return Promise.all((await repository.list({ announcedOnly: false })).map(adminRound));
    },

    get: getAdmin,

    async create(actor: Actor, input: RoundBody): Promise<AdminRound> {
      checkRound(input);
      const now = clock();
      const round = await write(async () => {
        const created = await repository.insert({
          ...roundFields(input),
          createdBy: actor.id!,
          createdAt: now,
          updatedAt: now,
        });
        await audit.append(auditEvent(actor, 'round.created', 'round', created.id, { code: created.code }), now);
        return created;
      });
      return adminRound(round);
    },

    async update(actor: Actor, id: string, input: RoundBody): Promise<AdminRound> {
      checkRound(input);
      const now = clock();
      await write(async () => {
        await draftRound(id);
        await repository.update(id, { ...roundFields(input), updatedAt: now });
        await audit.append(auditEvent(actor, 'round.updated', 'round', id, { code: input.code }), now);
      });
      return getAdmin(id);
    },

    async addVacancy(actor: Actor, roundId: string, input: VacancyBody): Promise<PublicVacancy> {
      const now = clock();
      if (!(await repository.find(roundId))) throw new NotFoundError('No such round.');
      await checkVacancy(input, now);
      const id = await write(async () => {
        await draftRound(roundId);
        const created = await repository.insertVacancy({ roundId, ...vacancyFields(input), createdAt: now });
        await audit.append(
          auditEvent(actor, 'vacancy.created', 'vacancy', created.id, { code: created.code, roundId }),
          now,
        );
        return created.id;
      });
      return publicVacancy((await repository.vacancy(id))!);
    },

    async updateVacancy(actor: Actor, id: string, input: VacancyBody): Promise<PublicVacancy> {
      const now = clock();
      if (!(await repository.vacancy(id))) throw new NotFoundError('No such vacancy.');
      await checkVacancy(input, now);
      await write(async () => {
        await draftVacancy(id);
        await repository.updateVacancy(id, vacancyFields(input));
        await audit.append(auditEvent(actor, 'vacancy.updated', 'vacancy', id, { code: input.code }), now);
      });
      return publicVacancy((await repository.vacancy(id))!);
    },

    async removeVacancy(actor: Actor, id: string): Promise<void> {
      const now = clock();
      await transaction(db, async () => {
        const vacancy = await draftVacancy(id);
        await repository.removeVacancy(id);
        await audit.append(auditEvent(actor, 'vacancy.removed', 'vacancy', id, { code: vacancy.code }), now);
      });
    },

    /**
     * Publishes the round and every vacancy in it through the log, in one transaction with the status
     * change and the register's rows: from here on none of them can be hidden, changed or back-dated.
     */
    async announce(actor: Actor, id: string): Promise<AdminRound> {
      const now = clock();
      await transaction(db, async () => {
        const round = await draftRound(id);
        const rows = await repository.vacanciesOf([id]);
        if (rows.length === 0)
          throw conflict('id', 'round.no_vacancies', 'A round needs at least one vacancy to be announced.');
        const late = rows.find((r) => r.vacancy.applicationDeadline.getTime() <= now.getTime());
        if (late)
          throw conflict(
            'id',
            'vacancy.deadline_passed',
            `The application deadline of vacancy ${late.vacancy.code} has already passed.`,
          );
        const stageRows = await stages.ofRound(id);
        const events: LogEvent[] = [
          {
            type: 'round.announced',
            roundCode: round.code,
            title: localisedJson(round.title),
            testWeight: round.testWeight,
            interviewWeight: round.interviewWeight,
            rubric: round.rubric.map((c) => ({ key: c.key, name: localisedJson(c.name), maxPoints: c.maxPoints })),
            applicationLimit: round.applicationLimit,
            // A staged round publishes its stages, gates and weights with its terms (none for a classic round).
            ...(stageRows.length
              ? {
                  stages: stageRows.map(({ stage }) => ({
                    position: stage.position,
                    kind: stage.kind,
                    blueprintId: stage.blueprintId,
                    weight: stage.weight,
                    minScore: stage.minScore === null ? null : Number(stage.minScore),
                    top: stage.topKind ? { kind: stage.topKind, value: stage.topValue } : null,
                    ties: stage.ties,
                  })),
                }
              : {}),
            vacancies: rows.map((r) => r.vacancy.code),
            announcedAt: now.toISOString(),
          },
          ...rows.map(({ vacancy, agency }) => ({
            type: 'vacancy.announced',
            vacancyCode: vacancy.code,
            roundCode: round.code,
            agencyCode: agency.code,
            agencyName: localisedJson(agency.name),
            position: localisedJson(vacancy.position),
            categoryCode: vacancy.categoryCode,
            places: vacancy.places,
            location: vacancy.location,
            requirements: localisedJson(vacancy.requirements),
            interviewProgramme: localisedJson(vacancy.interviewProgramme),
            applicationDeadline: vacancy.applicationDeadline.toISOString(),
            announcedAt: now.toISOString(),
          })),
        ];
        const [roundReceipt, ...receipts] = await log.append(events);
        await repository.update(id, {
          status: 'announced',
          announcedAt: now,
          announcedBy: actor.id,
          logIndex: roundReceipt!.logIndex,
          leafHash: roundReceipt!.leafHash,
          updatedAt: now,
        });
        for (const [i, row] of rows.entries()) {
          const receipt = { logIndex: receipts[i]!.logIndex, leafHash: receipts[i]!.leafHash };
          await repository.updateVacancy(row.vacancy.id, { status: 'announced', announcedAt: now, ...receipt });
          const announced: VacancyRow = {
            ...row,
            vacancy: { ...row.vacancy, status: 'announced', announcedAt: now, ...receipt },
          };
          await register.recordVacancy(registerVacancyRow(announced));
        }
        await audit.append(
          auditEvent(actor, 'round.announced', 'round', id, {
            code: round.code,
            vacancies: rows.length,
            logIndex: roundReceipt!.logIndex,
          }),
          now,
        );
      });
      return getAdmin(id);
    },

    /** Closes an announced vacancy without an appointment; it stays public, marked closed. */
    async closeVacancy(actor: Actor, id: string): Promise<PublicVacancy> {
      const now = clock();
      await transaction(db, async () => {
        const vacancy = await repository.lockVacancy(id);
        if (!vacancy) throw new NotFoundError('No such vacancy.');
        if (vacancy.status === 'draft')
          throw conflict('id', 'vacancy.draft', 'A draft vacancy is not public; remove it instead.');
        if (vacancy.status === 'appointed' || vacancy.status === 'closed')
          throw conflict('id', 'vacancy.finished', 'This vacancy is already finished.');
        const row = (await repository.vacancy(id))!;
        const [receipt] = await log.append([
          {
            type: 'vacancy.closed',
            vacancyCode: vacancy.code,
            roundCode: row.round.code,
            closedAt: now.toISOString(),
          },
        ]);
        await repository.updateVacancy(id, { status: 'closed', closedAt: now });
        await register.recordVacancy(
          registerVacancyRow(
            { ...row, vacancy: { ...row.vacancy, status: 'closed', closedAt: now } },
            { steps: [{ event: 'closed', at: now, logIndex: receipt!.logIndex, leafHash: receipt!.leafHash }] },
          ),
        );
        await audit.append(
          auditEvent(actor, 'vacancy.closed', 'vacancy', id, { code: vacancy.code, logIndex: receipt!.logIndex }),
          now,
        );
      });
      return publicVacancy((await repository.vacancy(id))!);
    },

    async publicRounds(): Promise<PublicRound[]> {
      const rounds = await repository.list({ announcedOnly: true });
      const rows = await repository.vacanciesOf(rounds.map((r) => r.id));
      return rounds.map((round) => ({
        ...announcedTerms(round),
        vacancies: rows.filter((r) => r.round.id === round.id).map(publicVacancy),
      }));
    },

    async publicRound(id: string): Promise<PublicRound> {
      const round = await repository.find(id);
      if (!round?.announcedAt) throw new NotFoundError('No such round.');
      const rows = await repository.vacanciesOf([id]);
      return { ...announcedTerms(round), vacancies: rows.map(publicVacancy) };
    },
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
