import type { Clock } from '../../clock';
import { nextAttemptAt } from './backoff';
import type { Language } from './language';
import type { OutboxRepository } from './outbox.repository';
import { outboxStatus } from './outbox.repository';
import { MAIL_TEMPLATES, type MailTemplateName, type MailValues } from './templates/index';
import type { MailTransport } from './transport';

/** One mail to write: to whom, in which language, which template with its values. */
export interface MailToSend<K extends MailTemplateName> {
  to: string;
  locale: Language;
  template: K;
  values: MailValues<K>;
  /** The account it is for, when there is one. */
  userId?: string | null;
}

/** How long a sender holds the mails it took before another may retry them (a process that died mid-send). */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/**
 * The outbox: mails are rendered in the recipient's language and written inside the caller's transaction
 * (`enqueue`), and sent afterwards by `sendDue`, which a background loop calls (server/main.ts). A failed
 * send is retried with backoff and never fails the action that wrote the mail.
 */
export function createOutbox(deps: {
  clock: Clock;
  repository: OutboxRepository;
  /** Whether mails really leave (SMTP_URL is set), for the staff page to say so. */
  delivering: boolean;
}) {
  const { clock, repository, delivering } = deps;

  /** A mail as stored: rendered when written, in the recipient's language. */
  function rendered<K extends MailTemplateName>(mail: MailToSend<K>, now: Date) {
    const template = MAIL_TEMPLATES[mail.template];
    const text = (template.render[mail.locale] as (values: MailValues<K>) => { subject: string; text: string })(
      mail.values,
    );
    return {
      userId: mail.userId ?? null,
      toAddress: mail.to,
      locale: mail.locale,
      template: mail.template,
      subject: text.subject,
      body: text.text,
      secret: template.secret ?? false,
      createdAt: now,
    };
  }

  return {
    /** Writes a mail in the open transaction (if any); nothing is sent until it commits. */
    async enqueue<K extends MailTemplateName>(mail: MailToSend<K>): Promise<{ id: string }> {
      const row = await repository.insert(rendered(mail, clock()));
      return { id: row.id };
    },

    /** Many mails of one template in one statement (a notice to a whole roster); nothing is sent until commit. */
    async enqueueMany<K extends MailTemplateName>(mails: readonly MailToSend<K>[]): Promise<void> {
      const now = clock();
      await repository.insertMany(mails.map((mail) => rendered(mail, now)));
    },

    /**
     * Sends the mails that are due, batch after batch, until none is left or `maxBatches` is reached.
     * Safe to run in several processes at once: each mail is taken by one sender only.
     */
    async sendDue(transport: MailTransport, maxBatches = 10): Promise<{ sent: number; failed: number }> {
      let sent = 0;
      let failed = 0;
      for (let batch = 0; batch < maxBatches; batch++) {
        const now = clock();
        const mails = await repository.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
        for (const mail of mails) {
          try {
            await transport.send({ to: mail.toAddress, subject: mail.subject, text: mail.body });
            await repository.markSent(mail.id, clock(), mail.secret && transport.delivers);
            sent++;
          } catch (error) {
            await repository.markFailed(
              mail.id,
              String((error as Error)?.message ?? error),
              nextAttemptAt(mail.attempts, clock()),
            );
            failed++;
          }
        }
        if (mails.length < BATCH) break;
      }
      return { sent, failed };
    },

    /** The outbox as the staff page shows it, newest first. */
    async list(page: { offset: number; limit: number }) {
      const { rows, total } = await repository.list(page);
      return {
        delivering,
        total,
        items: rows.map((mail) => ({
          id: mail.id,
          to: mail.toAddress,
          locale: mail.locale,
          template: mail.template,
          subject: mail.subject,
          body: mail.body,
          status: outboxStatus(mail),
          attempts: mail.attempts,
          createdAt: mail.createdAt.toISOString(),
          sentAt: mail.sentAt?.toISOString() ?? null,
          lastError: mail.lastError,
        })),
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
