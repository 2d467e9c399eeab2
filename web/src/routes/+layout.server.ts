import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import { noticesApi } from '$lib/api/notices';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const client = api(event);
  const [meta, session] = await Promise.all([client.meta(), client.session()]);
  if (!meta.ok || !session.ok) error(503, { message: 'The API is not available.' });
  const { user, twoFactorVerified } = session.data;
  // The count beside "Notices" in the header; a page is still served if it cannot be had.
  const unread = user && twoFactorVerified && !user.mustChangePassword ? await noticesApi(event).unread() : null;
  return {
    unreadNotices: unread?.ok ? unread.data.unread : 0,
    locale: event.locals.locale,
    meta: meta.data,
    user: session.data.user,
    twoFactorVerified: session.data.twoFactorVerified,
  };
};
