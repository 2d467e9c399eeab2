import { error } from '@sveltejs/kit';
import { appealsStaffApi } from '$lib/api/appeals-staff';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  event.depends('app:rescoring');
  const job = await appealsStaffApi(event).rescoringJob(event.params.id);
  if (!job.ok) {
    error(job.status === 400 || job.status === 404 ? 404 : job.status >= 500 ? 503 : job.status, {
      message: job.error.message,
    });
  }
  return { job: job.data };
};
