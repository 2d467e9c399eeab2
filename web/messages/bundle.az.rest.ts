/** The other areas' Azerbaijani messages, loaded by every page but the exam room. */
import accountCare from './account/az.json';
import adminAudit from './audit/az.json';
import adminImport from './imports/az.json';
import adminExports from './exports/az.json';
import bank from './bank/az.json';
import questionImport from './question-import/az.json';
import commission from './commission/az.json';
import competitions from './competitions/az.json';
import stages from './stages/az.json';
import log from './log/az.json';
import register from './register/az.json';
import results from './results/az.json';
import sittings from './sittings/az.json';
import statistics from './statistics/az.json';
import tickets from './tickets/az.json';
import invigilation from './invigilation/az.json';
import consultations from './consultations/az.json';
import notices from './notices/az.json';
import marking from './marking/az.json';

export default { accountCare, adminAudit, adminImport, adminExports, log, bank, questionImport, tickets, sittings, results, commission, competitions, stages, register, statistics, invigilation, notices, consultations, marking };
