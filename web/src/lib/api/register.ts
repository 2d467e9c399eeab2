import type { Static } from '@sinclair/typebox';
import type {
  AppointmentDetail as AppointmentDetailSchema,
  AppointmentItem,
  AppointmentSort,
  CategoryListResponse,
  Page,
  PublicRoundList,
  RegisterStatistics,
  RegisterVacancyStatus,
  ResultDetail as ResultDetailSchema,
  ResultItem,
  ResultSort,
  VacancyDetail as VacancyDetailSchema,
  VacancyItem,
  VacancySort,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type { AppointmentItem, AppointmentSort, RegisterStatistics, ResultItem, ResultSort, VacancyItem, VacancySort };
export type { RegisterVacancyStatus };
export type AppointmentPage = Page<AppointmentItem>;
export type ResultPage = Page<ResultItem>;
export type VacancyPage = Page<VacancyItem>;
export type AppointmentDetail = Static<typeof AppointmentDetailSchema>;
export type ResultDetail = Static<typeof ResultDetailSchema>;
export type VacancyDetail = Static<typeof VacancyDetailSchema>;
export type SittingHistogram = RegisterStatistics['sittings'][number];
export type Category = Static<typeof CategoryListResponse>[number];
type PublicRound = Static<typeof PublicRoundList>[number];
export type Agency = PublicRound['vacancies'][number]['agency'];

type Filters = {
  q?: string | undefined;
  category?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};
type Paging = {
  cursor?: string | undefined;
  limit?: number | undefined;
};
export type AppointmentFilters = Filters & { agency?: string | undefined; sort?: AppointmentSort | undefined };
export type ResultFilters = Filters & { sitting?: string | undefined; sort?: ResultSort | undefined };
export type VacancyFilters = Filters & {
  agency?: string | undefined;
  status?: RegisterVacancyStatus | undefined;
  sort?: VacancySort | undefined;
};

/** The query string the API's lists and exports take: only the filters that are set. */
export function registerQuery(filters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}

/** The open-data exports of a list, linked directly (same origin): the whole filtered set, streamed. */
export function exportLinks(
  list: 'appointments' | 'results' | 'vacancies',
  filters: Record<string, string | undefined>,
) {
  const query = registerQuery(filters);
  // The same CSV with a byte-order mark, which Excel needs to read UTF-8 letters right.
  const excel = registerQuery({ ...filters, bom: '1' });
  return {
    csv: `/api/register/${list}.csv${query}`,
    csvExcel: `/api/register/${list}.csv${excel}`,
    json: `/api/register/${list}.json${query}`,
  };
}

/** The public register, as this browser's request may call it. Server-side only. */
export function registerApi(event: ApiEvent) {
  return {
    appointments: (query: AppointmentFilters & Paging) =>
      callApi<AppointmentPage>(event, 'GET', '/api/register/appointments', { query }),
    appointment: (id: string) =>
      callApi<AppointmentDetail>(event, 'GET', `/api/register/appointments/${encodeURIComponent(id)}`),
    results: (query: ResultFilters & Paging) => callApi<ResultPage>(event, 'GET', '/api/register/results', { query }),
    result: (candidateCode: string) =>
      callApi<ResultDetail>(event, 'GET', `/api/register/results/${encodeURIComponent(candidateCode)}`),
    vacancies: (query: VacancyFilters & Paging) =>
      callApi<VacancyPage>(event, 'GET', '/api/register/vacancies', { query }),
    vacancy: (id: string) => callApi<VacancyDetail>(event, 'GET', `/api/register/vacancies/${encodeURIComponent(id)}`),
    categories: () => callApi<Category[]>(event, 'GET', '/api/categories'),
    /** The agencies that have announced vacancies: the choices of the agency filter. */
    agencies: async () => {
      const rounds = await callApi<PublicRound[]>(event, 'GET', '/api/competitions/rounds');
      if (!rounds.ok) return rounds;
      const found = new Map<string, Agency>();
      for (const vacancy of rounds.data.flatMap((r) => r.vacancies)) found.set(vacancy.agency.code, vacancy.agency);
      return { ...rounds, data: [...found.values()].sort((a, b) => a.code.localeCompare(b.code)) };
    },
    statistics: (query: { sitting?: string | undefined; sittings?: number | undefined } = {}) =>
      callApi<RegisterStatistics>(event, 'GET', '/api/register/statistics', { query }),
  };
}
