export { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, isLocale, resolveLocale, type Locale } from './locales';
export {
  loadMessages,
  registerMessages,
  translator,
  type MessageKey,
  type MessagePart,
  type MessageValues,
  type Translator,
} from './translate';
export { setI18n, useI18n } from './context';
