import type { Locale } from './i18n/locales';

/** The exam centre's clock: times are shown in Baku time whatever the server's zone. */
export const TIME_ZONE = 'Asia/Baku';

/**
 * Numeric dates, assembled by hand: browsers' locale data differ (some have no Azerbaijani at
 * all), and the page must read the same when rendered on the server and updated in the browser.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function pieces(iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const found = Object.fromEntries(parts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { year: '', month: '', day: '', hour: '', minute: '', second: '', ...found };
}

export function formatDate(iso: string, locale: Locale): string {
  const p = pieces(iso);
  return locale === 'en' ? `${p.day}/${p.month}/${p.year}` : `${p.day}.${p.month}.${p.year}`;
}

export function formatDateTime(iso: string, locale: Locale): string {
  const p = pieces(iso);
  return `${formatDate(iso, locale)} ${p.hour}:${p.minute}:${p.second}`;
}

/** The first eight characters of an id: enough to tell rows apart on screen; the full value is in the title. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Text in the reader's language, else the first language that has some. */
export function pickText(text: Partial<Record<Locale, string>>, locale: string): string {
  return text[locale as Locale] ?? text.az ?? text.ru ?? text.en ?? '';
}
