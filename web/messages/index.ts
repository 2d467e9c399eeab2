/**
 * Every message, per language. The core pages' messages sit in `<locale>.json`; each larger area
 * keeps its own files in a folder (`log/`, `bank/`) under a key of that name, so areas can grow
 * without stepping on each other. A language's files are put together in two chunks: `bundle.<locale>.ts`
 * (core and exam, all the exam room needs) and `bundle.<locale>.rest.ts` (every other area). The
 * browser loads only its page's language (src/lib/i18n/translate.ts); the server and the tests use
 * all three from here. A new area goes into the `.rest` bundles.
 */
import az from './bundle.az';
import azRest from './bundle.az.rest';
import en from './bundle.en';
import enRest from './bundle.en.rest';
import ru from './bundle.ru';
import ruRest from './bundle.ru.rest';

export const MESSAGES = {
  az: { ...az, ...azRest },
  ru: { ...ru, ...ruRest },
  en: { ...en, ...enRest },
};

/** The shape of one language's messages; Azerbaijani is the primary one. */
export type Messages = (typeof MESSAGES)['az'];
