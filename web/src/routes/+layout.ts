import { loadMessages } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/**
 * Every page waits for its own language's messages, and only those. The exam room needs only the
 * core and exam texts (one small chunk on a candidate's weak line); every other page loads the rest too.
 */
export const load: LayoutLoad = async ({ data, route }) => {
  await loadMessages(data.locale, route.id === '/exam/[attemptId]' ? ['room'] : ['room', 'rest']);
  return data;
};
