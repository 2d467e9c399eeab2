import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/locales';
import { safeRedirect } from '$lib/forms';
import type { RequestHandler } from './$types';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language switcher's target: remembers the choice and goes back to the page it came from. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData();
  const locale = form.get('locale');
  if (isLocale(locale)) {
    cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: ONE_YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: false,
      secure: url.protocol === 'https:',
    });
  }
  const back = form.get('redirectTo');
  redirect(303, safeRedirect(typeof back === 'string' ? back : null, '/'));
};
