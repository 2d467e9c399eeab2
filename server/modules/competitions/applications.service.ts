import type { Clock } from '../../clock';
import type { Notify } from '../notices/notify';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { Application, Category, Role } from '../../../db/schema/index';
import { NotFoundError } from '../../errors';
import { conflict } from '../../errors';
import { certificateState } from '../certificates/certificate-state';
import { coveredCategories } from '../certificates/covered-categories';
import type { ApplicationsRepository } from './applications.repository';
import type { ApplicationRefusal, ApplicationView, Eligibility } from './applications.schemas';
import type { RoundsRepository, VacancyRow } from './rounds.repository';
import { publicVacancy } from './vacancy-view';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Baku keeps UTC+4 all year. */
const BAKU_OFFSET = 4 * HOUR;

/**
 * The last moment to withdraw: an applicant may withdraw until the day before their interview, so
 * until the interview's day begins in Baku.
 */
export function withdrawDeadline(interviewStartsAt: Date): Date {
  const local = interviewStartsAt.getTime() + BAKU_OFFSET;
  return new Date(Math.floor(local / DAY) * DAY - BAKU_OFFSET);
}

const MESSAGES: Record<ApplicationRefusal, string> = {
  'application.not_open': 'This vacancy is not open for applications.',
  'application.deadline_passed': 'The application deadline for this vacancy has passed.',
  'application.exists': 'You have already applied to this vacancy.',
  'application.no_certificate': 'You need a valid certificate that covers this vacancy’s category to apply.',
  'application.limit': 'You have reached the number of applications this round allows.',
};

type CertificateRow = Awaited<ReturnType<ApplicationsRepository['certificatesOf']>>[number];

const share = (row: CertificateRow) =>
  row.result && row.result.maxPoints > 0 ? row.result.points / row.result.maxPoints : 0;

/**
 * The certificate an application rests on: valid now and covering the category; of several, the one
 * with the best result (its test score enters the ranking), then the newest.
 */
export function bestCertificate(rows: CertificateRow[], all: Category[], categoryCode: string, now: Date) {
  return rows
    .filter(
      (r) =>
        r.result !== null &&
        certificateState(r.certificate, now) === 'valid' &&
        coveredCategories(all, r.certificate.categoryCode).some((c) => c.code === categoryCode),
    )
    .sort((a, b) => share(b) - share(a) || b.certificate.issuedAt.getTime() - a.certificate.issuedAt.getTime())[0];
}

type Check =
  { reason: ApplicationRefusal; applied: number } | { reason: null; applied: number; certificate: CertificateRow };

export function createApplicationsService(deps: {
  db: Db;
  clock: Clock;
  repository: ApplicationsRepository;
  rounds: RoundsRepository;
  /** The applicant told that their application was accepted (issue 17). */
  notices: Pick<Notify, 'notify'>;
}) {
  const { db, clock, repository, rounds, notices } = deps;

  /** Every rule, checked in the order an applicant can act on: open, deadline, already applied, certificate, limit. */
  async function check(userId: string, row: VacancyRow, now: Date): Promise<Check> {
    const { vacancy, round } = row;
    const applied = await repository.countedInRound(round.id, userId);
    if (vacancy.status !== 'announced' || !round.announcedAt) return { reason: 'application.not_open', applied };
    if (now.getTime() >= vacancy.applicationDeadline.getTime())
      return { reason: 'application.deadline_passed', applied };
    if (await repository.existing(vacancy.id, userId)) return { reason: 'application.exists', applied };
    const certificate = bestCertificate(
      await repository.certificatesOf(userId),
      await repository.categories(),
      vacancy.categoryCode,
      now,
    );
    if (!certificate) return { reason: 'application.no_certificate', applied };
    if (applied >= round.applicationLimit) return { reason: 'application.limit', applied };
    return { reason: null, applied, certificate };
  }

  async function views(userId: string, rows: Application[]): Promise<ApplicationView[]> {
    const now = clock();
    const ids = rows.map((a) => a.id);
    const [vacancyRows, certificates, slots, scores, rankings, appointments, officials] = await Promise.all([
      Promise.all([...new Set(rows.map((a) => a.vacancyId))].map((id) => rounds.vacancy(id))),
      repository.certificateCodes([...new Set(rows.map((a) => a.certificateId))]),
      repository.slots(ids),
      repository.scores(ids),
      repository.rankings(ids),
      repository.appointments(ids),
      rounds.officials(rows.map((a) => a.absentRecordedBy).filter((x): x is string => x !== null)),
    ]);
    const official = (o: { fullName: string; role: Role }) => ({
      fullName: o.fullName,
      role: o.role === 'administrator' ? ('administrator' as const) : ('examiner' as const),
    });
    return rows.map((application) => {
      const row = vacancyRows.find((r) => r?.vacancy.id === application.vacancyId)!;
      const slot = slots.find((s) => s.applicationId === application.id);
      const until = slot ? withdrawDeadline(slot.startsAt) : null;
      const ranking = rankings.find((r) => r.applicationId === application.id);
      const appointment = appointments.find((a) => a.appointment.applicationId === application.id);
      const maxTotal = row.round.rubric.reduce((n, c) => n + c.maxPoints, 0);
      const absentBy = officials.find((o) => o.id === application.absentRecordedBy);
      const places = row.vacancy.places;
      return {
        id: application.id,
        status: application.status,
        candidateCode: application.candidateCode,
        certificateCode: certificates.find((c) => c.id === application.certificateId)?.code ?? '',
        createdAt: application.createdAt.toISOString(),
        withdrawnAt: application.withdrawnAt?.toISOString() ?? null,
        canWithdraw:
          application.status === 'active' &&
          !row.vacancy.rankingPublishedAt &&
          (until === null || now.getTime() < until.getTime()),
        withdrawUntil: until?.toISOString() ?? null,
        vacancy: publicVacancy(row),
        slot: slot ? { startsAt: slot.startsAt.toISOString(), location: slot.location } : null,
        absentRecordedBy: absentBy ? official(absentBy) : null,
        scores: scores
          .filter((s) => s.score.applicationId === application.id)
          .map((s) => ({
            member: { ...official(s), panelRole: s.panelRole ?? 'member' },
            scores: s.score.scores,
            total: Number(s.score.total),
            maxTotal,
            enteredAt: s.score.enteredAt.toISOString(),
            commitment: s.score.commitment,
            logIndex: s.score.logIndex,
            leafHash: s.score.leafHash,
          })),
        outcome: ranking
          ? {
              rank: ranking.rank,
              testScore: Number(ranking.testScore),
              interviewScore: Number(ranking.interviewScore),
              finalScore: Number(ranking.finalScore),
              result: appointment ? 'appointed' : ranking.rank <= places ? 'to_appoint' : 'reserve',
              reservePosition: !appointment && ranking.rank > places ? ranking.rank - places : null,
              appointedAt: appointment?.appointment.appointedAt.toISOString() ?? null,
              appointedBy: appointment ? official(appointment) : null,
              rankingLogIndex: row.vacancy.rankingLogIndex,
              appointmentLogIndex: appointment?.appointment.logIndex ?? null,
            }
          : null,
      };
    });
  }

  async function own(userId: string, id: string): Promise<ApplicationView> {
    const rows = await repository.listOwn(userId, id);
    if (rows.length === 0) throw new NotFoundError('No such application.');
    return (await views(userId, rows))[0]!;
  }

  return {
    /** Whether the caller may apply to the vacancy now, and if not, why, in words they can act on. */
    async eligibility(userId: string, vacancyId: string): Promise<Eligibility> {
      const row = await rounds.announcedVacancy(vacancyId);
      if (!row) throw new NotFoundError('No such vacancy.');
      const result = await check(userId, row, clock());
      return {
        eligible: result.reason === null,
        reason: result.reason,
        message: result.reason ? MESSAGES[result.reason] : 'You may apply to this vacancy.',
        certificateCode: result.reason === null ? result.certificate.certificate.code : null,
        applied: result.applied,
        limit: row.round.applicationLimit,
      };
    },

    /**
     * Applies on the strength of the best covering certificate. The round is locked for the checks and
     * the insert, so two requests at once cannot both slip under the limit.
     */
    async apply(userId: string, vacancyId: string): Promise<ApplicationView> {
      const now = clock();
      const row = await rounds.announcedVacancy(vacancyId);
      if (!row) throw new NotFoundError('No such vacancy.');
      let id: string;
      try {
        id = await transaction(db, async () => {
          await rounds.lock(row.round.id);
          const result = await check(userId, row, now);
          if (result.reason) throw conflict('vacancyId', result.reason, MESSAGES[result.reason]);
          const created = await repository.insert({
            vacancyId,
            roundId: row.round.id,
            userId,
            certificateId: result.certificate.certificate.id,
            candidateCode: result.certificate.candidateCode,
            createdAt: now,
          });
          await notices.notify({
            userId,
            kind: 'application-accepted',
            ref: created.id,
            params: { applicationId: created.id, vacancyCode: row.vacancy.code, position: row.vacancy.position },
          });
          return created.id;
        });
      } catch (error) {
        if (uniqueViolation(error) === 'applications_one_per_vacancy_key')
          throw conflict('vacancyId', 'application.exists', MESSAGES['application.exists']);
        throw error;
      }
      return own(userId, id);
    },

    async listOwn(userId: string): Promise<ApplicationView[]> {
      return views(userId, await repository.listOwn(userId));
    },

    get: own,

    /** Until the day before the interview (Baku time); before a slot is set, any time until the ranking. */
    async withdraw(userId: string, id: string): Promise<ApplicationView> {
      const now = clock();
      await transaction(db, async () => {
        const found = await repository.find(id);
        if (!found || found.userId !== userId) throw new NotFoundError('No such application.');
        // The vacancy first, then the application: the order every writer of applications keeps.
        const vacancy = await rounds.lockVacancy(found.vacancyId);
        const application = (await repository.lock(id))!;
        if (application.status !== 'active')
          throw conflict('id', 'application.not_active', 'This application is no longer active.');
        const [slot] = await repository.slots([id]);
        if (vacancy?.rankingPublishedAt || (slot && now.getTime() >= withdrawDeadline(slot.startsAt).getTime()))
          throw conflict(
            'id',
            'application.withdraw_closed',
            'Applications can be withdrawn only until the day before the interview.',
          );
        await repository.update(id, { status: 'withdrawn', withdrawnAt: now });
      });
      return own(userId, id);
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
