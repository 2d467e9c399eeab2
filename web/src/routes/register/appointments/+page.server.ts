import { registerApi, type AppointmentSort } from '$lib/api/register';
import { loadRegisterList } from '$lib/components/register/list.server';
import type { PageServerLoad } from './$types';

const SORTS: readonly AppointmentSort[] = ['-date', 'date', 'name', '-name', '-score', 'score'];

export const load: PageServerLoad = (event) =>
  loadRegisterList(event, 'appointments', {
    fields: ['q', 'agency', 'category', 'from', 'to'],
    sorts: SORTS,
    agencies: true,
    fetch: (query) => registerApi(event).appointments({ ...query.filters, cursor: query.cursor, limit: query.limit }),
  });
