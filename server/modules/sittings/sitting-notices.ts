import type { Sitting, SittingChange } from '../../../db/schema/index';

/** A change to a sitting, and the booked candidates it reached. */
export interface SittingChangeNotice {
  sitting: Pick<Sitting, 'id' | 'code' | 'startsAt' | 'endsAt'>;
  change: SittingChange;
  recipients: { id: string; userId: string; candidateCode: string }[];
}

/**
 * Telling every booked candidate of a rescheduling or a cancellation, inside the change's transaction,
 * so a change that rolls back tells nobody and one that commits is never left untold. Their bookings
 * page shows the change from `sitting_changes` whatever happens here; this is the e-mail on top.
 */
export interface SittingNotices {
  sittingChanged(notice: SittingChangeNotice): Promise<void>;
}

/** The notices as wired in `server/services.ts`. */
export function createSittingNotices(): SittingNotices {
  return {
    async sittingChanged() {
      // The e-mail notice joins the mail outbox (server/modules/mail) once it lands: this is its one call site.
    },
  };
}
