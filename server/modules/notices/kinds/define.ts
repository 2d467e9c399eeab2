import type { NoticeLocalised, NoticeParamsRecord } from '../../../../db/schema/index';
import type { Language } from '../../mail/language';

/** A notice as its reader sees it: a one-line title and a short plain-text body. */
export interface RenderedNotice {
  title: string;
  text: string;
}

/**
 * One kind of notice: its text in each interface language, beside each other so a translation cannot go
 * missing (the type demands all three), and the page of the account that shows the thing it is about.
 */
export interface NoticeKindDefinition<Params extends NoticeParamsRecord> {
  /** A path on the site (no origin), e.g. `/bookings/<id>`. */
  link: (params: Params) => string;
  render: Record<Language, (params: Params) => RenderedNotice>;
}

/** Declares a kind with its values' type, so `notify` checks the values a caller passes. */
export function defineNoticeKind<Params extends NoticeParamsRecord>(
  kind: NoticeKindDefinition<Params>,
): NoticeKindDefinition<Params> {
  return kind;
}

const LOCALES: Record<Language, string> = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

/** An instant as the exam centre's clock shows it (Baku, UTC+4), in the reader's language. */
export function bakuTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Asia/Baku',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A score as a number in the reader's language (a comma in Azerbaijani and Russian). */
export function points(score: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(score);
}

/** A name in the reader's language, or in another when it was not given in theirs. */
export function inLanguage(text: NoticeLocalised, language: Language): string {
  return text[language] ?? text.az ?? text.ru ?? text.en ?? '';
}
