import { registerApi, type RegisterVacancyStatus, type VacancySort } from '$lib/api/register';
import { loadRegisterList } from '$lib/components/register/list.server';
import type { PageServerLoad } from './$types';

const SORTS: readonly VacancySort[] = ['-date', 'date', 'deadline', '-deadline'];
const STATUSES: readonly RegisterVacancyStatus[] = ['announced', 'interviews', 'appointed', 'closed'];

export const load: PageServerLoad = async (event) => ({
  ...(await loadRegisterList(event, 'vacancies', {
    fields: ['q', 'agency', 'category', 'status', 'from', 'to'],
    sorts: SORTS,
    statuses: STATUSES,
    agencies: true,
    fetch: ({ filters: { status, ...filters }, cursor, limit }) =>
      registerApi(event).vacancies({ ...filters, status: status as RegisterVacancyStatus | undefined, cursor, limit }),
  })),
  statuses: STATUSES,
  now: new Date().toISOString(),
});
