import type { Clock } from '../../clock';
import type { Notify } from '../notices/notify';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { rankCandidates, splitRanking, type RankingCandidate } from '../../core/ranking';
import { NotFoundError } from '../../errors';
import { conflict } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { LogService } from '../log/log.service';
import type { RegisterReserveEntry } from '../register/register.types';
import type { Actor } from '../../actor';
import type { AppointmentsRepository } from './appointments.repository';
import type { AdminVacancyDetail, PublicVacancyDetail } from './appointments.schemas';
import type { InterviewsRepository } from './interviews.repository';
import { MIN_PANEL } from './interviews.service';
import type { RoundsRepository, VacancyRow } from './rounds.repository';
import type { VacancyRegister } from './rounds.service';
import { officialRole, type VacancyDetailReader } from './vacancy-detail';
import { localisedJson, registerVacancyRow, type TimelineStep } from './vacancy-view';

/** Ranking and appointment: the published order, the appointments in it, and the reserve list. */
export function createAppointmentsService(deps: {
  db: Db;
  clock: Clock;
  repository: AppointmentsRepository;
  interviews: InterviewsRepository;
  rounds: RoundsRepository;
  detail: VacancyDetailReader;
  log: Pick<LogService, 'append'>;
  register: VacancyRegister;
  audit: AuditRepository;
  /** The appointee told, and once every place is filled, every other applicant still in the running (issue 17). */
  notices: Pick<Notify, 'notifyMany'>;
}) {
  const { db, clock, repository, interviews, rounds, detail, log, register, audit, notices } = deps;

  async function row(vacancyId: string): Promise<VacancyRow> {
    const found = await rounds.vacancy(vacancyId);
    if (!found) throw new NotFoundError('No such vacancy.');
    return found;
  }

  async function adminDetail(vacancyId: string): Promise<AdminVacancyDetail> {
    return detail.adminDetail(await row(vacancyId));
  }

  /** The reserve list as the register carries it: after the places, in rank order, codes only. */
  async function reserveOf(vacancyRow: VacancyRow): Promise<RegisterReserveEntry[]> {
    const [ranking, apps] = await Promise.all([
      repository.ranking(vacancyRow.vacancy.id),
      interviews.applicationsOf([vacancyRow.vacancy.id]),
    ]);
    return splitRanking(ranking, vacancyRow.vacancy.places).reserve.map((r) => ({
      rank: r.rank,
      candidateCode: apps.find((a) => a.application.id === r.applicationId)!.application.candidateCode,
      finalScore: Number(r.finalScore),
    }));
  }

  async function appointedSteps(vacancyId: string): Promise<TimelineStep[]> {
    return (await repository.appointments(vacancyId)).map(({ appointment }) => ({
      event: 'appointed',
      at: appointment.appointedAt,
      logIndex: appointment.logIndex,
      leafHash: appointment.leafHash,
    }));
  }

  return {
    adminDetail,

    async publicDetail(vacancyId: string): Promise<PublicVacancyDetail> {
      const found = await rounds.announcedVacancy(vacancyId);
      if (!found) throw new NotFoundError('No such vacancy.');
      return detail.publicDetail(found);
    },

    /**
     * After the interviews: ranks the present, fully scored candidates by the round's published weights,
     * and publishes the ranking, the reserve list and every member's scores with their salts, so anyone
     * can check each commitment published when the score was entered. One transaction; audited.
     */
    async publishRanking(actor: Actor, vacancyId: string): Promise<AdminVacancyDetail> {
      const now = clock();
      await transaction(db, async () => {
        const vacancy = await rounds.lockVacancy(vacancyId);
        if (!vacancy) throw new NotFoundError('No such vacancy.');
        if (vacancy.status !== 'announced')
          throw conflict(
            'id',
            vacancy.status === 'draft' ? 'vacancy.draft' : 'ranking.published',
            vacancy.status === 'draft' ? 'This vacancy is not announced.' : 'The ranking is already published.',
          );
        if (now.getTime() < vacancy.applicationDeadline.getTime())
          throw conflict('id', 'ranking.before_deadline', 'Applications are still open for this vacancy.');
        const current = await row(vacancyId);
        const { round } = current;
        const [panel, apps, slots, scores] = await Promise.all([
          interviews.panel(vacancyId),
          interviews.applicationsOf([vacancyId]),
          interviews.slots([vacancyId]),
          interviews.scores([vacancyId]),
        ]);
        if (panel.length < MIN_PANEL)
          throw conflict('id', 'ranking.no_panel', `The vacancy needs a panel of at least ${MIN_PANEL}.`);
        const present = apps.filter((a) => a.application.status === 'active');
        const missing = present.filter(
          (a) =>
            !slots.some((s) => s.applicationId === a.application.id) ||
            panel.some(
              (m) => !scores.some((s) => s.score.applicationId === a.application.id && s.score.memberId === m.userId),
            ),
        );
        if (missing.length)
          throw conflict(
            'id',
            'ranking.scores_missing',
            `Not every panel member has scored every present candidate (${missing.map((m) => m.application.candidateCode).join(', ')}).`,
          );
        const interviewMaxPoints = round.rubric.reduce((n, c) => n + c.maxPoints, 0);
        const members = new Set(panel.map((m) => m.userId));
        const candidates: RankingCandidate[] = present.map((a) => ({
          id: a.application.candidateCode,
          testPoints: a.result?.points ?? 0,
          testMaxPoints: a.result?.maxPoints ?? 0,
          interviewTotals: scores
            .filter((s) => s.score.applicationId === a.application.id && members.has(s.score.memberId))
            .map((s) => Number(s.score.total)),
          interviewMaxPoints,
        }));
        const ranked = rankCandidates(candidates, { test: round.testWeight, interview: round.interviewWeight });
        const { reserve } = splitRanking(ranked, vacancy.places);
        const [receipt] = await log.append([
          {
            type: 'vacancy.ranking_published',
            vacancyCode: vacancy.code,
            roundCode: round.code,
            weights: { test: round.testWeight, interview: round.interviewWeight },
            interviewMaxPoints,
            places: vacancy.places,
            ranking: ranked.map((r) => ({
              rank: r.rank,
              candidateCode: r.id,
              testScore: r.testScore,
              interviewScore: r.interviewScore,
              finalScore: r.finalScore,
            })),
            reserve: reserve.map((r) => ({ rank: r.rank, candidateCode: r.id, finalScore: r.finalScore })),
            absent: apps.filter((a) => a.application.status === 'absent').map((a) => a.application.candidateCode),
            reveals: scores.map(({ score }) => ({
              candidateCode: apps.find((a) => a.application.id === score.applicationId)!.application.candidateCode,
              memberId: score.memberId,
              scores: score.scores,
              salt: score.salt,
              commitment: score.commitment,
              commitmentLogIndex: score.logIndex,
            })),
            publishedAt: now.toISOString(),
          },
        ]);
        const byCode = new Map(present.map((a) => [a.application.candidateCode, a.application.id]));
        await repository.insertRanking(
          ranked.map((r) => ({
            vacancyId,
            applicationId: byCode.get(r.id)!,
            rank: r.rank,
            testScore: String(r.testScore),
            interviewScore: String(r.interviewScore),
            finalScore: String(r.finalScore),
          })),
        );
        const published = {
          status: 'ranked' as const,
          rankingPublishedAt: now,
          rankingPublishedBy: actor.id,
          rankingLogIndex: receipt!.logIndex,
          rankingLeafHash: receipt!.leafHash,
        };
        await rounds.updateVacancy(vacancyId, published);
        const updated = { ...current, vacancy: { ...current.vacancy, ...published } };
        await register.recordVacancy(registerVacancyRow(updated, { reserve: await reserveOf(updated) }));
        await audit.append(
          auditEvent(actor, 'vacancy.ranking_published', 'vacancy', vacancyId, {
            ranked: ranked.length,
            reserve: reserve.length,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return adminDetail(vacancyId);
    },

    /**
     * Records one appointment, in ranked order: the best-ranked candidate not yet appointed, while
     * places remain. Published in the log and the register with the appointee's name, and the
     * administrator's who recorded it.
     */
    async appoint(actor: Actor, vacancyId: string, applicationId: string): Promise<AdminVacancyDetail> {
      const now = clock();
      await transaction(db, async () => {
        const vacancy = await rounds.lockVacancy(vacancyId);
        if (!vacancy) throw new NotFoundError('No such vacancy.');
        if (vacancy.status === 'appointed')
          throw conflict('applicationId', 'appointment.places_filled', 'Every place of this vacancy is filled.');
        if (vacancy.status !== 'ranked')
          throw conflict('applicationId', 'appointment.not_ranked', 'Publish the ranking before appointing.');
        const current = await row(vacancyId);
        const [ranking, made, apps] = await Promise.all([
          repository.ranking(vacancyId),
          repository.appointments(vacancyId),
          interviews.applicationsOf([vacancyId]),
        ]);
        const entry = ranking.find((r) => r.applicationId === applicationId);
        if (!entry)
          throw conflict('applicationId', 'appointment.not_ranked', 'This candidate is not on the vacancy’s ranking.');
        if (made.length >= vacancy.places)
          throw conflict('applicationId', 'appointment.places_filled', 'Every place of this vacancy is filled.');
        const appointed = new Set(made.map((m) => m.appointment.applicationId));
        if (appointed.has(applicationId))
          throw conflict('applicationId', 'appointment.exists', 'This candidate is already appointed.');
        const next = ranking.find((r) => !appointed.has(r.applicationId))!;
        if (next.applicationId !== applicationId)
          throw conflict(
            'applicationId',
            'appointment.out_of_order',
            'Appointments follow the ranking: a better-ranked candidate is not yet appointed.',
          );
        const app = apps.find((a) => a.application.id === applicationId)!;
        const [official] = await rounds.officials([actor.id!]);
        const { vacancy: v, agency, round } = current;
        const [receipt] = await log.append([
          {
            type: 'appointment.made',
            vacancyCode: v.code,
            roundCode: round.code,
            fullName: app.fullName,
            candidateCode: app.application.candidateCode,
            position: localisedJson(v.position),
            agencyCode: agency.code,
            agencyName: localisedJson(agency.name),
            categoryCode: v.categoryCode,
            rank: entry.rank,
            testScore: Number(entry.testScore),
            interviewScore: Number(entry.interviewScore),
            finalScore: Number(entry.finalScore),
            appointedAt: now.toISOString(),
            appointedBy: { fullName: official!.fullName, role: officialRole(official!.role) },
          },
        ]);
        const appointment = await repository.insertAppointment({
          vacancyId,
          applicationId,
          rank: entry.rank,
          testScore: entry.testScore,
          interviewScore: entry.interviewScore,
          finalScore: entry.finalScore,
          appointedBy: actor.id!,
          appointedAt: now,
          logIndex: receipt!.logIndex,
          leafHash: receipt!.leafHash,
        });
        const filled = made.length + 1 >= Math.min(vacancy.places, ranking.length);
        const status = filled ? ('appointed' as const) : v.status;
        if (filled) await rounds.updateVacancy(vacancyId, { status });
        const appointees = new Set([...appointed, applicationId]);
        const told = (a: (typeof apps)[number]) => ({
          applicationId: a.application.id,
          vacancyCode: v.code,
          position: v.position,
        });
        await notices.notifyMany([
          { userId: app.application.userId, kind: 'appointed', ref: applicationId, params: told(app) },
          ...(filled
            ? apps
                .filter((a) => a.application.status === 'active' && !appointees.has(a.application.id))
                .map((a) => ({
                  userId: a.application.userId,
                  kind: 'application-refused' as const,
                  ref: a.application.id,
                  params: told(a),
                }))
            : []),
        ]);
        await register.recordAppointment({
          logIndex: receipt!.logIndex,
          leafHash: receipt!.leafHash,
          appointmentId: appointment.id,
          vacancyId,
          vacancyCode: v.code,
          roundCode: round.code,
          fullName: app.fullName,
          position: v.position,
          agencyCode: agency.code,
          agencyName: agency.name,
          categoryCode: v.categoryCode,
          appointedAt: now,
          testScore: Number(entry.testScore),
          interviewScore: Number(entry.interviewScore),
          finalScore: Number(entry.finalScore),
          rank: entry.rank,
        });
        const updated = { ...current, vacancy: { ...v, status } };
        await register.recordVacancy(
          registerVacancyRow(updated, {
            steps: await appointedSteps(vacancyId),
            reserve: await reserveOf(updated),
          }),
        );
        await audit.append(
          auditEvent(actor, 'appointment.made', 'application', applicationId, {
            vacancyCode: v.code,
            rank: entry.rank,
            logIndex: receipt!.logIndex,
          }),
          now,
        );
      });
      return adminDetail(vacancyId);
    },
  };
}

export type AppointmentsService = ReturnType<typeof createAppointmentsService>;
