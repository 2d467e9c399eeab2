import { error } from '@sveltejs/kit';
import type { TicketCheckResponse } from '$api-types';
import { callApi } from '$lib/api/client';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** The public check behind a ticket's QR code: anyone holding the URL may read it, nobody else can guess it. */
export const load: PageServerLoad = async (event) => {
  const { token } = event.params;
  if (!TOKEN.test(token)) error(404, { message: 'No such ticket' });
  const result = await callApi<TicketCheckResponse>(event, 'GET', `/api/tickets/${encodeURIComponent(token)}`);
  if (!result.ok) loadFailure(result, 'No such ticket');
  // The page names a person: it must not be kept by shared caches or search engines.
  event.setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
  return { ticket: result.data };
};
