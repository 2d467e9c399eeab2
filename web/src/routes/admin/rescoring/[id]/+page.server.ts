import { appealsStaffApi } from '$lib/api/appeals-staff';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  event.depends('app:rescoring');
  const job = await appealsStaffApi(event).rescoringJob(event.params.id);
  if (!job.ok) loadFailure(job, 'Not found');
  return { job: job.data };
};
