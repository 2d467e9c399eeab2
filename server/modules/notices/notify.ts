import type { NoticeKind, NoticeParams } from './kinds/index';

/** One event told to one account holder. */
export interface NoticeToSend<K extends NoticeKind> {
  userId: string;
  kind: K;
  params: NoticeParams<K>;
  /**
   * What makes this event unique for its kind and user (a booking's id, an attempt's id with its revision):
   * told again (a repeated action, a retried job), it stays one notice and one mail.
   */
  ref: string;
  /** For an event that already sends its own mail (a sitting moved or cancelled): the inbox only. */
  quiet?: boolean;
}

/** A notice of any kind, its values checked against its kind. */
export type AnyNotice = { [K in NoticeKind]: NoticeToSend<K> }[NoticeKind];

/**
 * The narrow shape another module's service takes to tell an applicant something, inside its own
 * transaction: the notice and its mail commit or roll back with the action (server/modules/notices).
 */
export interface Notify {
  notify<K extends NoticeKind>(notice: NoticeToSend<K>): Promise<void>;
  /** Many at once (a roster, a sitting's results): one insert however many are told. */
  notifyMany(notices: readonly AnyNotice[]): Promise<void>;
}
