/**
 * Every message, per language. The core pages' messages sit in `<locale>.json`; each larger area
 * keeps its own files in a folder (`log/`, `bank/`) under a key of that name, so areas can grow
 * without stepping on each other.
 */
import az from './az.json';
import bankAz from './bank/az.json';
import bankEn from './bank/en.json';
import bankRu from './bank/ru.json';
import commissionAz from './commission/az.json';
import commissionEn from './commission/en.json';
import commissionRu from './commission/ru.json';
import competitionsAz from './competitions/az.json';
import competitionsEn from './competitions/en.json';
import competitionsRu from './competitions/ru.json';
import en from './en.json';
import examAz from './exam/az.json';
import examEn from './exam/en.json';
import examRu from './exam/ru.json';
import logAz from './log/az.json';
import logEn from './log/en.json';
import logRu from './log/ru.json';
import registerAz from './register/az.json';
import registerEn from './register/en.json';
import registerRu from './register/ru.json';
import resultsAz from './results/az.json';
import resultsEn from './results/en.json';
import resultsRu from './results/ru.json';
import ru from './ru.json';
import sittingsAz from './sittings/az.json';
import sittingsEn from './sittings/en.json';
import sittingsRu from './sittings/ru.json';
import ticketsAz from './tickets/az.json';
import ticketsEn from './tickets/en.json';
import ticketsRu from './tickets/ru.json';

export const MESSAGES = {
  az: {
    ...az,
    log: logAz,
    bank: bankAz,
    tickets: ticketsAz,
    sittings: sittingsAz,
    exam: examAz,
    results: resultsAz,
    commission: commissionAz,
    competitions: competitionsAz,
    register: registerAz,
  },
  ru: {
    ...ru,
    log: logRu,
    bank: bankRu,
    tickets: ticketsRu,
    sittings: sittingsRu,
    exam: examRu,
    results: resultsRu,
    commission: commissionRu,
    competitions: competitionsRu,
    register: registerRu,
  },
  en: {
    ...en,
    log: logEn,
    bank: bankEn,
    tickets: ticketsEn,
    sittings: sittingsEn,
    exam: examEn,
    results: resultsEn,
    commission: commissionEn,
    competitions: competitionsEn,
    register: registerEn,
  },
};
