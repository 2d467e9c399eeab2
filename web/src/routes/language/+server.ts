import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/locales';
import { safeRedirect } from '$lib/forms';
import { noticesApi } from '$lib/api/notices';
import type { RequestHandler } from './$types';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language switcher's target: remembers the choice and goes back to the page it came from. */
export const POST: RequestHandler = async (event) => {
  const { request, cookies, url } = event;
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
    // A signed-in account keeps the choice too: its notices and their mails are written in it. Refused
    // (nobody signed in) or failed, the switch still works for this browser.
    await noticesApi(event).setLanguage(locale);
  }
  const back = form.get('redirectTo');
  redirect(303, safeRedirect(typeof back === 'string' ? back : null, '/'));
};
