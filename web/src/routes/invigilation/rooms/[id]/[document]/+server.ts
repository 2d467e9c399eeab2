import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import { documentLanguage, relayApiFile } from '$lib/api/file';
import { requireRole } from '$lib/guards';
import { UUID } from '$lib/ids';
import type { RequestHandler } from './$types';

const DOCUMENTS = new Set(['roster.pdf', 'attendance.pdf', 'seat-plan.pdf']);

/** Hands one of the room's printed documents to its staff, in the language asked for or the page's own. */
export const GET: RequestHandler = async (event) => {
  const session = await api(event).session();
  if (!session.ok) error(503, { message: 'The API is not available.' });
  requireRole(session.data, event.url, 'invigilator', 'administrator');
  if (!UUID.test(event.params.id) || !DOCUMENTS.has(event.params.document)) error(404, { message: 'Not found' });
  return relayApiFile(
    event,
    `/api/invigilation/rooms/${event.params.id}/${event.params.document}`,
    { lang: documentLanguage(event) },
    { type: 'application/pdf', filename: 'imtahan-room.pdf', unavailable: 'Document not available' },
  );
};
