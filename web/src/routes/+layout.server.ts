import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const client = api(event);
  const [meta, session] = await Promise.all([client.meta(), client.session()]);
  if (!meta.ok || !session.ok) error(503, { message: 'The API is not available.' });
  return {
    locale: event.locals.locale,
    meta: meta.data,
    user: session.data.user,
    twoFactorVerified: session.data.twoFactorVerified,
  };
};
