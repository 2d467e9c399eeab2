/**
 * When a sitting's results can be published, and who is where until then: a pure reading of the
 * roster's attempts against the clock, so the publication panel and the publish step agree. A candidate
 * still writing (an extension may carry them past the shift's end) is never counted as absent.
 */

/** What a candidate's attempt is at `now`, for the panel. */
export type PublicationStanding =
  /** Started, and the deadline plus the grace for requests in flight is not yet past. */
  | 'writing'
  /** Started, time up, not yet finalised: publication finalises it with its saved answers. */
  | 'time-up'
  | 'submitted'
  | 'annulled'
  /** Never started, and entry has closed. */
  | 'absent'
  /** Never started, and entry is still open: not absent yet. */
  | 'not-started';

export interface RosterAttempt {
  /** Null when no paper was drawn for the booking. */
  status: 'ready' | 'started' | 'submitted' | 'annulled' | null;
  deadline: Date | null;
}

export function publicationStanding(
  attempt: RosterAttempt,
  sitting: { entryClosesAt: Date },
  now: Date,
  graceMs: number,
): PublicationStanding {
  switch (attempt.status) {
    case 'started':
      return now.getTime() <= attempt.deadline!.getTime() + graceMs ? 'writing' : 'time-up';
    case 'submitted':
      return 'submitted';
    case 'annulled':
      return 'annulled';
    case 'ready':
    case null:
      return now.getTime() > sitting.entryClosesAt.getTime() ? 'absent' : 'not-started';
  }
}

/**
 * The first moment publication is possible as things stand: the shift's end, or just after the last
 * writing candidate's deadline and grace if that is later. A later extension moves it on.
 */
export function publishableAt(sitting: { endsAt: Date }, attempts: readonly RosterAttempt[], graceMs: number): Date {
  let at = sitting.endsAt.getTime();
  for (const a of attempts)
    if (a.status === 'started' && a.deadline) at = Math.max(at, a.deadline.getTime() + graceMs + 1);
  return new Date(at);
}
