import type { Static } from '@sinclair/typebox';
import type {
  AdminRound,
  AdminVacancyDetail,
  AgencyBody,
  AgencyView,
  ApplicationView,
  Eligibility as EligibilitySchema,
  LocalisedView,
  PanelAssignment,
  PanelBody,
  PublicRound,
  PublicVacancy,
  PublicVacancyDetail,
  RoundBody,
  ScoreBody,
  ScoreReceipt,
  SlotBody,
  UserListResponse,
  VacancyBody,
} from '$api-types';
import { callApi, type ApiEvent } from './client';
import type { Category } from './sittings';

export type Localised = Static<typeof LocalisedView>;
export type Agency = AgencyView;
export type AgencyInput = AgencyBody;
export type Round = AdminRound;
export type RoundInput = RoundBody;
export type Vacancy = PublicVacancy;
export type VacancyInput = VacancyBody;
export type VacancyStatus = Vacancy['status'];
export type OpenRound = PublicRound;
export type VacancyDetail = PublicVacancyDetail;
export type AdminVacancy = AdminVacancyDetail;
export type AdminApplication = AdminVacancy['applications'][number];
export type PanelMember = AdminVacancy['panel'][number];
export type RankingEntry = NonNullable<AdminVacancy['ranking']>[number];
export type Appointment = AdminVacancy['appointments'][number];
export type Application = ApplicationView;
export type ApplicantScore = Application['scores'][number];
export type Outcome = NonNullable<Application['outcome']>;
export type Eligibility = Static<typeof EligibilitySchema>;
export type Assignment = PanelAssignment;
export type AssignmentCandidate = Assignment['candidates'][number];
export type Receipt = ScoreReceipt;
export type Slot = SlotBody;
export type Panel = PanelBody;
export type Scores = ScoreBody['scores'];
export type StaffAccount = UserListResponse['items'][number];
export type { Category };

const seg = (id: string) => encodeURIComponent(id);

/**
 * Competitions as this browser's request may call them: agencies, rounds and vacancies, applications,
 * interview panels and scores, rankings and appointments. Server-side only.
 */
export function competitionsApi(event: ApiEvent) {
  return {
    categories: () => callApi<Category[]>(event, 'GET', '/api/categories'),

    // Public
    rounds: () => callApi<OpenRound[]>(event, 'GET', '/api/competitions/rounds'),
    round: (id: string) => callApi<OpenRound>(event, 'GET', `/api/competitions/rounds/${seg(id)}`),
    vacancy: (id: string) => callApi<VacancyDetail>(event, 'GET', `/api/competitions/vacancies/${seg(id)}`),

    // Applicant
    eligibility: (vacancyId: string) =>
      callApi<Eligibility>(event, 'GET', `/api/competitions/vacancies/${seg(vacancyId)}/eligibility`),
    apply: (vacancyId: string) => callApi<Application>(event, 'POST', '/api/applications', { body: { vacancyId } }),
    applications: () => callApi<Application[]>(event, 'GET', '/api/applications'),
    application: (id: string) => callApi<Application>(event, 'GET', `/api/applications/${seg(id)}`),
    withdraw: (id: string) =>
      callApi<Application>(event, 'POST', `/api/applications/${seg(id)}/withdraw`, { body: {} }),

    // Panel members
    assignments: () => callApi<Assignment[]>(event, 'GET', '/api/interviews'),
    enterScore: (applicationId: string, scores: Scores) =>
      callApi<Receipt>(event, 'POST', `/api/interviews/applications/${seg(applicationId)}/scores`, {
        body: { scores },
      }),

    // Administrator
    agencies: () => callApi<Agency[]>(event, 'GET', '/api/admin/agencies'),
    createAgency: (body: AgencyInput) => callApi<Agency>(event, 'POST', '/api/admin/agencies', { body }),
    updateAgency: (id: string, body: AgencyInput) =>
      callApi<Agency>(event, 'PUT', `/api/admin/agencies/${seg(id)}`, { body }),
    deleteAgency: (id: string) => callApi<null>(event, 'DELETE', `/api/admin/agencies/${seg(id)}`),

    adminRounds: () => callApi<Round[]>(event, 'GET', '/api/admin/rounds'),
    createRound: (body: RoundInput) => callApi<Round>(event, 'POST', '/api/admin/rounds', { body }),
    adminRound: (id: string) => callApi<Round>(event, 'GET', `/api/admin/rounds/${seg(id)}`),
    updateRound: (id: string, body: RoundInput) =>
      callApi<Round>(event, 'PUT', `/api/admin/rounds/${seg(id)}`, { body }),
    addVacancy: (roundId: string, body: VacancyInput) =>
      callApi<Vacancy>(event, 'POST', `/api/admin/rounds/${seg(roundId)}/vacancies`, { body }),
    updateVacancy: (id: string, body: VacancyInput) =>
      callApi<Vacancy>(event, 'PUT', `/api/admin/vacancies/${seg(id)}`, { body }),
    deleteVacancy: (id: string) => callApi<null>(event, 'DELETE', `/api/admin/vacancies/${seg(id)}`),
    announce: (roundId: string) =>
      callApi<Round>(event, 'POST', `/api/admin/rounds/${seg(roundId)}/announce`, { body: {} }),
    closeVacancy: (id: string) =>
      callApi<Vacancy>(event, 'POST', `/api/admin/vacancies/${seg(id)}/close`, { body: {} }),

    adminVacancy: (id: string) => callApi<AdminVacancy>(event, 'GET', `/api/admin/vacancies/${seg(id)}`),
    setPanel: (vacancyId: string, body: Panel) =>
      callApi<AdminVacancy>(event, 'PUT', `/api/admin/vacancies/${seg(vacancyId)}/panel`, { body }),
    setSlot: (applicationId: string, body: Slot) =>
      callApi<AdminVacancy>(event, 'PUT', `/api/admin/applications/${seg(applicationId)}/slot`, { body }),
    recordAbsence: (applicationId: string) =>
      callApi<AdminVacancy>(event, 'POST', `/api/admin/applications/${seg(applicationId)}/absent`, { body: {} }),
    publishRanking: (vacancyId: string) =>
      callApi<AdminVacancy>(event, 'POST', `/api/admin/vacancies/${seg(vacancyId)}/ranking`, { body: {} }),
    appoint: (vacancyId: string, applicationId: string) =>
      callApi<AdminVacancy>(event, 'POST', `/api/admin/vacancies/${seg(vacancyId)}/appointments`, {
        body: { applicationId },
      }),
    /** Staff accounts who may sit on a panel: examiners and administrators. */
    staff: async () => {
      const [examiners, administrators] = await Promise.all([
        callApi<UserListResponse>(event, 'GET', '/api/admin/users', { query: { role: 'examiner', limit: 100 } }),
        callApi<UserListResponse>(event, 'GET', '/api/admin/users', { query: { role: 'administrator', limit: 100 } }),
      ]);
      if (!examiners.ok) return examiners;
      if (!administrators.ok) return administrators;
      return { ok: true as const, status: 200, data: [...administrators.data.items, ...examiners.data.items] };
    },
  };
}
