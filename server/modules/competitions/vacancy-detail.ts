import type { Role } from '../../../db/schema/index';
import { normalisedTest, splitRanking } from '../../core/ranking';
import type { AppointmentsRepository } from './appointments.repository';
import type { AdminVacancyDetail, PublicVacancyDetail } from './appointments.schemas';
import type { InterviewsRepository } from './interviews.repository';
import type { RoundsRepository, VacancyRow } from './rounds.repository';
import { publicVacancy, roundTerms } from './vacancy-view';

export const officialRole = (role: Role) =>
  role === 'administrator' ? ('administrator' as const) : ('examiner' as const);

/** Reads a vacancy with everything around it, for the administrator's page and for the public one. */
export function createVacancyDetailReader(deps: {
  rounds: RoundsRepository;
  interviews: InterviewsRepository;
  appointments: AppointmentsRepository;
}) {
  const { rounds, interviews, appointments } = deps;

  /** The published ranking and appointments; names only for the appointed. */
  async function outcome(row: VacancyRow) {
    const [ranking, made, apps] = await Promise.all([
      appointments.ranking(row.vacancy.id),
      appointments.appointments(row.vacancy.id),
      interviews.applicationsOf([row.vacancy.id]),
    ]);
    const codeOf = (applicationId: string) => apps.find((a) => a.application.id === applicationId)!;
    const appointed = new Map(made.map((m) => [m.appointment.applicationId, m]));
    const places = row.vacancy.places;
    const entries = ranking.map((r) => {
      const app = codeOf(r.applicationId);
      const appointment = appointed.get(r.applicationId);
      return {
        rank: r.rank,
        candidateCode: app.application.candidateCode,
        testScore: Number(r.testScore),
        interviewScore: Number(r.interviewScore),
        finalScore: Number(r.finalScore),
        result: appointment
          ? ('appointed' as const)
          : r.rank <= places
            ? ('to_appoint' as const)
            : ('reserve' as const),
        fullName: appointment ? app.fullName : null,
      };
    });
    const reserve = splitRanking(entries, places).reserve.map((r, i) => ({
      position: i + 1,
      rank: r.rank,
      candidateCode: r.candidateCode,
      finalScore: r.finalScore,
    }));
    return {
      ranking: row.vacancy.rankingPublishedAt ? entries : null,
      reserve,
      appointments: made.map(({ appointment, officialName, officialRole: role }) => {
        const app = codeOf(appointment.applicationId);
        return {
          rank: appointment.rank,
          fullName: app.fullName,
          candidateCode: app.application.candidateCode,
          testScore: Number(appointment.testScore),
          interviewScore: Number(appointment.interviewScore),
          finalScore: Number(appointment.finalScore),
          appointedAt: appointment.appointedAt.toISOString(),
          appointedBy: { fullName: officialName, role: officialRole(role) },
          logIndex: appointment.logIndex,
          leafHash: appointment.leafHash,
        };
      }),
    };
  }

  return {
    async publicDetail(row: VacancyRow): Promise<PublicVacancyDetail> {
      return { vacancy: publicVacancy(row), round: roundTerms(row.round), ...(await outcome(row)) };
    },

    async adminDetail(row: VacancyRow): Promise<AdminVacancyDetail> {
      const id = row.vacancy.id;
      const [panel, apps, slots, scores, published] = await Promise.all([
        interviews.panel(id),
        interviews.applicationsOf([id]),
        interviews.slots([id]),
        interviews.scores([id]),
        outcome(row),
      ]);
      return {
        vacancy: publicVacancy(row),
        round: roundTerms(row.round),
        panel: panel.map((m) => ({
          userId: m.userId,
          fullName: m.fullName,
          role: officialRole(m.role),
          panelRole: m.panelRole,
        })),
        applications: apps.map(({ application, fullName, result }) => {
          const slot = slots.find((s) => s.applicationId === application.id);
          return {
            id: application.id,
            candidateCode: application.candidateCode,
            fullName,
            status: application.status,
            testScore: result ? normalisedTest({ testPoints: result.points, testMaxPoints: result.maxPoints }) : 0,
            slot: slot ? { startsAt: slot.startsAt.toISOString(), location: slot.location } : null,
            scores: scores
              .filter((s) => s.score.applicationId === application.id)
              .map((s) => ({
                memberId: s.score.memberId,
                fullName: s.fullName,
                total: Number(s.score.total),
                enteredAt: s.score.enteredAt.toISOString(),
                logIndex: s.score.logIndex,
              })),
          };
        }),
        ranking: published.ranking,
        appointments: published.appointments,
      };
    },

    async vacancy(id: string) {
      return rounds.vacancy(id);
    },
  };
}

export type VacancyDetailReader = ReturnType<typeof createVacancyDetailReader>;
