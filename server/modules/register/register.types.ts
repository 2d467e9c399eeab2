/**
 * The interface between the publishing modules and the public register (issue 7 contract).
 *
 * The competitions service and the results service call `register.recordAppointment(row)`,
 * `register.recordVacancy(row)` and `register.recordResults(rows, sitting)` inside the
 * transaction that publishes the fact, right after `log.append`, with the receipt `log.append`
 * returned for that fact. The register is a read model: it only ever holds what the log holds.
 *
 * Privacy: nothing here carries a national ID, an e-mail, a user id or any detail of a candidate
 * beyond what the register publishes — the appointee's name (public office is public) and, for
 * results and reserve lists, the candidate code only.
 */
import type { Localised } from '../../core/question';
import type { RegisterReserveEntry } from '../../../db/domain/register';

export type { RegisterReserveEntry } from '../../../db/domain/register';

/** Where a published row sits in the transparency log: what `log.append` returned for it. */
export type RegisterReceipt = {
  logIndex: number;
  leafHash: string;
};

/** One appointment (`appointment.made`): recorded once; recording the same id again replaces it. */
export type RegisterAppointmentRow = RegisterReceipt & {
  /** The appointment's id in the competitions module; the register's key. */
  appointmentId: string;
  vacancyId: string;
  /** The vacancy's public code, e.g. `2026-R1-017`. */
  vacancyCode: string;
  roundCode: string;
  /** The appointee's full name as published, in the script it was registered in. */
  fullName: string;
  /** The appointee's name in other scripts, if the competitions module knows them (searched too). */
  otherNames?: string[];
  position: Localised;
  agencyCode: string;
  agencyName: Localised;
  /** The category (subgroup) code the vacancy required, e.g. `A2`. */
  categoryCode: string;
  appointedAt: Date;
  /** Test score as used in the ranking (the certificate's points). */
  testScore: number;
  interviewScore: number;
  /** Weighted final score of the ranking. */
  finalScore: number;
  /** Final rank on the vacancy's ranking (1 = best). */
  rank: number;
};

export const REGISTER_VACANCY_STATUSES = ['announced', 'interviews', 'appointed', 'closed'] as const;
export type RegisterVacancyStatus = (typeof REGISTER_VACANCY_STATUSES)[number];

/**
 * A vacancy as announced (`vacancy.announced`) and on each later status change: the whole row
 * again, upserted by `vacancyId`. `logIndex`/`leafHash` stay the announcement's receipt; a status
 * change adds its own receipt to the timeline.
 */
export type RegisterVacancyRow = RegisterReceipt & {
  vacancyId: string;
  vacancyCode: string;
  roundId: string;
  roundCode: string;
  roundTitle: Localised;
  agencyCode: string;
  agencyName: Localised;
  position: Localised;
  categoryCode: string;
  places: number;
  location: string;
  requirements: Localised;
  interviewProgramme: Localised;
  announcedAt: Date;
  applicationDeadline: Date;
  status: RegisterVacancyStatus;
  /** The full timeline as far as it has got; each step with the receipt of its log entry. */
  timeline: {
    /** e.g. `announced`, `applications_closed`, `interviews`, `ranking_published`, `appointed`, `closed`. */
    event: string;
    at: Date;
    logIndex?: number;
    leafHash?: string;
  }[];
  /** Published with the ranking (`vacancy.ranking_published`): the second-best list, in order. */
  reserve?: RegisterReserveEntry[];
};

/**
 * One candidate's published result (`result.published`), by candidate code. A republication after a
 * re-scoring records the sitting's rows again with a higher revision; the register keeps the latest.
 */
export type RegisterResultRow = RegisterReceipt & {
  candidateCode: string;
  sittingCode: string;
  categoryCode: string;
  /** The sitting's start, the date the register filters and sorts results by. */
  sittingDate: Date;
  points: number;
  maxPoints: number;
  passed: boolean;
  revision: number;
  publishedAt: Date;
};

/** The sitting a batch of results belongs to, with the counts the statistics page charts. */
export type RegisterSittingSummary = RegisterReceipt & {
  sittingCode: string;
  categoryCode: string;
  sittingDate: Date;
  revision: number;
  /** Everyone on the roster: absent + annulled + sat. */
  registered: number;
  sat: number;
  passed: number;
  /** How many who sat scored each total, lowest first. */
  distribution: { points: number; count: number }[];
};

/** What the publishing modules see of the register service. */
export interface RegisterRecorder {
  recordAppointment(row: RegisterAppointmentRow): Promise<void>;
  recordVacancy(row: RegisterVacancyRow): Promise<void>;
  recordResults(rows: RegisterResultRow[], sitting: RegisterSittingSummary): Promise<void>;
}
