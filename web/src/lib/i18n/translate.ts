import i18next, { type TOptions } from 'i18next';
import { MESSAGES } from '../../../messages/index';
import { DEFAULT_LOCALE, type Locale } from './locales';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, checked at compile time against the Azerbaijani file (the primary one). */
export type MessageKey = Leaves<typeof MESSAGES.az>;
export type MessageValues = Record<string, string | number>;

export interface Translator {
  readonly locale: Locale;
  /** The message for a known key. */
  t(key: MessageKey, values?: MessageValues): string;
  /** For keys built at run time (error codes, action names): the first candidate that exists. */
  tAny(keys: readonly string[], values?: MessageValues): string | null;
}

const i18n = i18next.createInstance();
// Resources are bundled, so initialisation is synchronous and the same on server and client.
void i18n.init({
  resources: { az: { translation: MESSAGES.az }, ru: { translation: MESSAGES.ru }, en: { translation: MESSAGES.en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  showSupportNotice: false,
  returnNull: false,
  // Svelte escapes everything it renders; escaping here too would show `&amp;` on the page.
  interpolation: { escapeValue: false },
});

const cache = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  let found = cache.get(locale);
  if (!found) {
    // i18next's own key typing is not configured; MessageKey already checks keys at compile time.
    const fixed = i18n.getFixedT(locale) as unknown as (key: string, options?: TOptions) => string;
    const options = (values?: MessageValues): TOptions => ({ ...values });
    found = {
      locale,
      t: (key, values) => fixed(key, options(values)),
      tAny: (keys, values) => {
        const key = keys.find((k) => i18n.exists(k, { lng: locale }));
        return key === undefined ? null : fixed(key, options(values));
      },
    };
    cache.set(locale, found);
  }
  return found;
}
