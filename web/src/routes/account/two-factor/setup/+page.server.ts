import { fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { api } from '$lib/api';
import { apiFailure, formValues, messageFor, type FieldErrors } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** What the page needs to show an enrolment in progress. */
async function enrolment(secret: string, uri: string) {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    secret,
    uri,
    secretGroups: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

export const load: PageServerLoad = async ({ parent }) => {
  const { user } = await parent();
  if (!user) redirect(303, '/sign-in?redirectTo=%2Faccount%2Ftwo-factor%2Fsetup');
  if (user.role === 'applicant' || user.twoFactorEnabled) redirect(303, '/account');
};

export const actions: Actions = {
  /** A fresh secret each time: starting again replaces an enrolment that was never confirmed. */
  start: async (event) => {
    const result = await api(event).beginTwoFactorSetup();
    const none: FieldErrors = {};
    if (!result.ok)
      return fail(result.status, { enrolment: null, errors: none, message: messageFor(result.status, result.error) });
    return {
      enrolment: await enrolment(result.data.secret, result.data.uri),
      errors: none,
      message: undefined as MessageKey | undefined,
    };
  },

  enable: async (event) => {
    const values = formValues(await event.request.formData(), ['code', 'secret', 'uri'] as const);
    const result = await api(event).enableTwoFactor(values.code.replace(/\s/g, ''));
    if (!result.ok) {
      // The secret stays on the page (it is already shown there) so that the same QR code can be retried.
      const failure = apiFailure(result.status, result.error, { code: '' }, { fields: ['code'] });
      const shown =
        values.secret && values.uri.startsWith('otpauth://') ? await enrolment(values.secret, values.uri) : null;
      return fail(failure.status, { ...failure.data, enrolment: shown });
    }
    redirect(303, '/account?twoFactor=enabled');
  },
};
