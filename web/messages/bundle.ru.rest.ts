/** The other areas' Russian messages, loaded by every page but the exam room. */
import accountCare from './account/ru.json';
import adminAudit from './audit/ru.json';
import adminImport from './imports/ru.json';
import adminExports from './exports/ru.json';
import bank from './bank/ru.json';
import questionImport from './question-import/ru.json';
import commission from './commission/ru.json';
import competitions from './competitions/ru.json';
import stages from './stages/ru.json';
import log from './log/ru.json';
import register from './register/ru.json';
import results from './results/ru.json';
import sittings from './sittings/ru.json';
import statistics from './statistics/ru.json';
import tickets from './tickets/ru.json';
import invigilation from './invigilation/ru.json';
import consultations from './consultations/ru.json';
import notices from './notices/ru.json';
import marking from './marking/ru.json';

export default { accountCare, adminAudit, adminImport, adminExports, log, bank, questionImport, tickets, sittings, results, commission, competitions, stages, register, statistics, invigilation, notices, consultations, marking };
