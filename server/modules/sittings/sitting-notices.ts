import type { Sitting, SittingChange } from '../../../db/schema/index';
import { mailLanguage } from '../mail/language';
import type { Outbox } from '../mail/outbox.service';
import type { Notify } from '../notices/notify';
import type { SittingsRepository } from './sittings.repository';

/** A change to a sitting, and the booked candidates it reached. */
export interface SittingChangeNotice {
  sitting: Pick<Sitting, 'id' | 'code' | 'startsAt' | 'endsAt'>;
  change: SittingChange;
  recipients: { id: string; userId: string; candidateCode: string }[];
}

/**
 * Telling every booked candidate of a rescheduling or a cancellation, inside the change's transaction,
 * so a change that rolls back tells nobody and one that commits is never left untold. Their bookings
 * page shows the change from `sitting_changes` whatever happens to the mail; this is the e-mail on top.
 */
export interface SittingNotices {
  sittingChanged(notice: SittingChangeNotice): Promise<void>;
  /** Booking closed: each booked candidate told their room and seat (issue 17). */
  rosterFixed(
    sitting: Pick<Sitting, 'code' | 'startsAt'>,
    seats: { bookingId: string; userId: string; room: string; seat: number }[],
  ): Promise<void>;
}

/** The notices as wired in `server/services.ts`: one mail per booked candidate, through the outbox. */
export function createSittingNotices(deps: {
  outbox: Pick<Outbox, 'enqueue'>;
  repository: Pick<SittingsRepository, 'contacts'>;
  publicUrl: string;
  notices: Pick<Notify, 'notifyMany'>;
}): SittingNotices {
  const { outbox, repository, publicUrl, notices } = deps;
  return {
    async rosterFixed(sitting, seats) {
      await notices.notifyMany(
        seats.map((s) => ({
          userId: s.userId,
          kind: 'roster-fixed' as const,
          ref: s.bookingId,
          params: {
            bookingId: s.bookingId,
            sittingCode: sitting.code,
            startsAt: sitting.startsAt.toISOString(),
            room: s.room,
            seat: s.seat,
          },
        })),
      );
    },

    async sittingChanged({ sitting, change, recipients }) {
      const contacts = new Map((await repository.contacts(recipients.map((r) => r.userId))).map((c) => [c.id, c]));
      for (const recipient of recipients) {
        const contact = contacts.get(recipient.userId);
        if (!contact) continue;
        await outbox.enqueue({
          to: contact.email,
          locale: mailLanguage(contact.locale),
          template: 'sitting-changed',
          values: {
            fullName: contact.fullName,
            sittingCode: sitting.code,
            kind: change.kind,
            previousStartsAt: change.previous.startsAt,
            nextStartsAt: change.next?.startsAt ?? null,
            reason: change.reason,
            link: `${publicUrl}/bookings/${recipient.id}`,
          },
          userId: contact.id,
        });
      }
      // The same news in each candidate's inbox; the mail above already tells it, so the notice does not again.
      await notices.notifyMany(
        recipients.map((recipient) => ({
          userId: recipient.userId,
          kind: 'sitting-changed' as const,
          ref: change.id,
          quiet: true,
          params: {
            bookingId: recipient.id,
            sittingCode: sitting.code,
            kind: change.kind,
            previousStartsAt: change.previous.startsAt,
            nextStartsAt: change.next?.startsAt ?? null,
            reason: change.reason,
          },
        })),
      );
    },
  };
}
