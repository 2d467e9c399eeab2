import type { MarkedResponse, NoticesResponse, UnreadResponse } from '$api-types';
import type { Locale } from '$lib/i18n/locales';
import { callApi, type ApiEvent } from './client';

/** The signed-in account's own notices (issue 17): the inbox, its unread count, read marks and the language. */
export function noticesApi(event: ApiEvent) {
  return {
    list: (page: number, lang: Locale) =>
      callApi<NoticesResponse>(event, 'GET', '/api/notices', { query: { page, lang } }),
    unread: () => callApi<UnreadResponse>(event, 'GET', '/api/notices/unread'),
    markRead: (id: string) => callApi<MarkedResponse>(event, 'POST', `/api/notices/${encodeURIComponent(id)}/read`),
    markAllRead: () => callApi<MarkedResponse>(event, 'POST', '/api/notices/read-all'),
    setLanguage: (language: Locale) =>
      callApi<{ language: Locale }>(event, 'PUT', '/api/notices/language', { body: { language } }),
  };
}
