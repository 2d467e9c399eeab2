import type { Sitting, SittingChange } from '../../../db/schema/index';
import { mailLanguage } from '../mail/language';
import type { Outbox } from '../mail/outbox.service';
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
}

/** The notices as wired in `server/services.ts`: one mail per booked candidate, through the outbox. */
export function createSittingNotices(deps: {
  outbox: Pick<Outbox, 'enqueue'>;
  repository: Pick<SittingsRepository, 'contacts'>;
  publicUrl: string;
}): SittingNotices {
  const { outbox, repository, publicUrl } = deps;
  return {
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
    },
  };
}
