import { getContext, setContext } from 'svelte';
import { translator, type MessageKey, type MessageValues, type Translator } from './translate';
import type { Locale } from './locales';

const KEY = Symbol('i18n');

/**
 * Makes translations available to every component below the root layout. The locale is read
 * through a getter on each call, so text follows a language switch on client-side navigation.
 */
export function setI18n(getLocale: () => Locale): void {
  const current = () => translator(getLocale());
  const i18n: Translator = {
    get locale() {
      return getLocale();
    },
    t: (key: MessageKey, values?: MessageValues) => current().t(key, values),
    tAny: (keys: readonly string[], values?: MessageValues) => current().tAny(keys, values),
  };
  setContext(KEY, i18n);
}

export function useI18n(): Translator {
  const i18n = getContext<Translator | undefined>(KEY);
  if (!i18n) throw new Error('useI18n() needs setI18n() in the root layout');
  return i18n;
}
