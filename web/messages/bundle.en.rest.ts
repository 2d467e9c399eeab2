/** The other areas' English messages, loaded by every page but the exam room. */
import accountCare from './account/en.json';
import adminAudit from './audit/en.json';
import adminImport from './imports/en.json';
import adminExports from './exports/en.json';
import bank from './bank/en.json';
import questionImport from './question-import/en.json';
import commission from './commission/en.json';
import competitions from './competitions/en.json';
import stages from './stages/en.json';
import log from './log/en.json';
import register from './register/en.json';
import results from './results/en.json';
import sittings from './sittings/en.json';
import statistics from './statistics/en.json';
import tickets from './tickets/en.json';
import invigilation from './invigilation/en.json';
import consultations from './consultations/en.json';
import notices from './notices/en.json';
import marking from './marking/en.json';

export default { accountCare, adminAudit, adminImport, adminExports, log, bank, questionImport, tickets, sittings, results, commission, competitions, stages, register, statistics, invigilation, notices, consultations, marking };
