import { error } from '@sveltejs/kit';
import { appealsStaffApi } from '$lib/api/appeals-staff';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  event.depends('app:rescoring');
  const jobs = await appealsStaffApi(event).rescoringJobs();
  if (!jobs.ok) error(jobs.status >= 500 ? 503 : jobs.status, { message: jobs.error.message });
  return { jobs: jobs.data };
};
