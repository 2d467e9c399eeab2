import type { NoticeParamsRecord } from '../../../../db/schema/index';
import type { Language } from '../../mail/language';
import { bookingCancelled, bookingConfirmed, examApproaching, rosterFixed, sittingChanged } from './bookings';
import { applicationAccepted, applicationRefused, appointed, interviewScheduled } from './competitions';
import { consultationAnswered } from './consultation-answered';
import type { NoticeKindDefinition, RenderedNotice } from './define';
import { markingAppealDecided } from './marking';
import { appealDecided, certificateIssued, certificateRevoked, resultPublished, resultRescored } from './results';
import { stageResult } from './stages';

/**
 * Every kind of notice, by name (stored with each notice): a file per domain in this folder, each kind
 * listed here once. Its text renders both the inbox (in the reader's language now) and the e-mail.
 */
export const NOTICE_KINDS = {
  'booking-confirmed': bookingConfirmed,
  'booking-cancelled': bookingCancelled,
  'roster-fixed': rosterFixed,
  'sitting-changed': sittingChanged,
  'exam-approaching': examApproaching,
  'result-published': resultPublished,
  'appeal-decided': appealDecided,
  'result-rescored': resultRescored,
  'certificate-issued': certificateIssued,
  'certificate-revoked': certificateRevoked,
  'application-accepted': applicationAccepted,
  'application-refused': applicationRefused,
  'interview-scheduled': interviewScheduled,
  appointed,
  'stage-result': stageResult,
  'consultation-answered': consultationAnswered,
  'marking-appeal-decided': markingAppealDecided,
};

export type NoticeKinds = typeof NOTICE_KINDS;
export type NoticeKind = keyof NoticeKinds;
export const NOTICE_KIND_NAMES = Object.keys(NOTICE_KINDS) as NoticeKind[];
/** The values a kind takes, read off its definition. */
export type NoticeParams<K extends NoticeKind> = NoticeKinds[K] extends NoticeKindDefinition<infer P> ? P : never;

/**
 * A stored notice's text in `language`, and its link. A kind no longer known (a row written by a newer
 * process during a rolling deploy) renders as null, for the caller to skip rather than fail the inbox.
 */
export function renderNotice(
  kind: string,
  params: NoticeParamsRecord,
  language: Language,
): (RenderedNotice & { link: string }) | null {
  const definition = (NOTICE_KINDS as unknown as Record<string, NoticeKindDefinition<NoticeParamsRecord>>)[kind];
  if (!definition) return null;
  return { ...definition.render[language](params), link: definition.link(params) };
}
