import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import type { RequestHandler } from './$types';

/** Ends the session on the API (which clears its cookie) and says goodbye on the sign-in page. */
export const POST: RequestHandler = async (event) => {
  await api(event).signOut();
  redirect(303, '/sign-in?signedOut=1');
};
