import { INTL_TAGS, type Locale } from './i18n/locales';

/** The exam centre's clock: times are shown in Baku time whatever the server's zone. */
export const TIME_ZONE = 'Asia/Baku';

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'medium', timeStyle: 'medium', timeZone: TIME_ZONE }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'medium', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** The first block of a UUID: enough to tell rows apart on screen; the full value is in the title. */
export function shortId(id: string): string {
  return id.split('-')[0] ?? id;
}
