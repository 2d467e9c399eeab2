import { registerApi, type ResultSort } from '$lib/api/register';
import { loadRegisterList } from '$lib/components/register/list.server';
import type { PageServerLoad } from './$types';

const SORTS: readonly ResultSort[] = ['-date', 'date', '-points', 'points'];

export const load: PageServerLoad = (event) =>
  loadRegisterList(event, 'results', {
    fields: ['q', 'sitting', 'category', 'from', 'to'],
    sorts: SORTS,
    normalise: (query) => {
      // Candidate codes are printed in capitals; typed in lower case they are the same code.
      if (query.filters.q) query.filters.q = query.filters.q.toUpperCase();
      if (query.filters.sitting) query.filters.sitting = query.filters.sitting.toUpperCase();
    },
    fetch: (query) => registerApi(event).results({ ...query.filters, cursor: query.cursor, limit: query.limit }),
  });
