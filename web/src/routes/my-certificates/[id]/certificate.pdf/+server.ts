import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import { documentLanguage, relayApiFile } from '$lib/api/file';
import { requireRole } from '$lib/guards';
import { UUID } from '$lib/ids';
import type { RequestHandler } from './$types';

/** Hands the API's certificate PDF to its holder, in the language asked for or the page's own. */
export const GET: RequestHandler = async (event) => {
  const session = await api(event).session();
  if (!session.ok) error(503, { message: 'The API is not available.' });
  requireRole(session.data, event.url, 'applicant');
  if (!UUID.test(event.params.id)) error(404, { message: 'Certificate not found' });
  return relayApiFile(
    event,
    `/api/certificates/${event.params.id}/pdf`,
    { lang: documentLanguage(event) },
    { type: 'application/pdf', filename: 'imtahan-certificate.pdf', unavailable: 'Certificate not available' },
  );
};
