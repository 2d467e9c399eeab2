import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/guards';
import { api } from '$lib/api';
import { relayApiFile } from '$lib/api/file';
import type { RequestHandler } from './$types';

const FORMATS = ['moodle-xml', 'gift', 'csv'];
const STATUSES = ['draft', 'in_review', 'approved', 'retired'];
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Hands the API's export file to the browser as a download; the API audits who exported what. */
export const GET: RequestHandler = async (event) => {
  const session = await api(event).session();
  if (!session.ok) error(503, { message: 'The API is not available.' });
  requireRole(session.data, event.url, 'examiner', 'administrator');
  const params = event.url.searchParams;
  const format = params.get('format') ?? '';
  if (!FORMATS.includes(format)) error(400, { message: 'Unknown format' });
  const subject = params.get('subject') ?? '';
  const status = params.get('status') ?? '';
  return relayApiFile(
    event,
    '/api/questions/export',
    {
      format,
      subject: SLUG.test(subject) ? subject : undefined,
      status: STATUSES.includes(status) ? status : undefined,
    },
    { type: 'application/octet-stream', filename: 'imtahan-questions.txt', unavailable: 'Export failed' },
  );
};
