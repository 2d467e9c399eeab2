import { error } from '@sveltejs/kit';
import { applicantAppealsApi } from '$lib/api/appeals-applicant';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const appeals = await applicantAppealsApi(event).own();
  if (!appeals.ok) error(appeals.status >= 500 ? 503 : appeals.status, { message: appeals.error.message });
  return { appeals: appeals.data };
};
