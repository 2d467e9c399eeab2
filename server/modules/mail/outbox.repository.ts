import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { outboxMails, type OutboxMail } from '../../../db/schema/index';

export type OutboxMailInsert = Pick<
  OutboxMail,
  'userId' | 'toAddress' | 'locale' | 'template' | 'subject' | 'body' | 'secret' | 'createdAt'
>;

/** Where a mail stands: waiting to be (re)tried, sent, or given up after its last try. */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export function outboxStatus(mail: Pick<OutboxMail, 'sentAt' | 'nextAttemptAt'>): OutboxStatus {
  if (mail.sentAt) return 'sent';
  return mail.nextAttemptAt ? 'pending' : 'failed';
}

export function createOutboxRepository(db: Db) {
  return {
    /** Joins the caller's open transaction, so the mail commits (or not) with the action that causes it. */
    async insert(mail: OutboxMailInsert): Promise<OutboxMail> {
      const [row] = await executor(db)
        .insert(outboxMails)
        .values({ ...mail, nextAttemptAt: mail.createdAt })
        .returning();
      return row!;
    },

    /** Many mails in one statement (a notice to a whole roster), in the caller's transaction. */
    async insertMany(mails: readonly OutboxMailInsert[]): Promise<void> {
      if (mails.length === 0) return;
      await executor(db)
        .insert(outboxMails)
        .values(mails.map((mail) => ({ ...mail, nextAttemptAt: mail.createdAt })));
    },

    /**
     * Takes up to `limit` mails due by `now` for this sender, and holds them until `leaseUntil`: their next
     * try moves there and their tries go up by one, in one statement over rows locked with SKIP LOCKED, so two
     * processes never take the same mail, and one that dies mid-send leaves its mails to be retried after the lease.
     * A mail holding a secret (a reset link) goes first: someone is waiting at the screen for it, while a backlog of
     * notices to a whole roster can wait a minute.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxMail[]> {
      const due = executor(db)
        .select({ id: outboxMails.id })
        .from(outboxMails)
        .where(and(isNotNull(outboxMails.nextAttemptAt), lte(outboxMails.nextAttemptAt, now)))
        .orderBy(desc(outboxMails.secret), asc(outboxMails.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return executor(db)
        .update(outboxMails)
        .set({ nextAttemptAt: leaseUntil, attempts: sql`${outboxMails.attempts} + 1` })
        .where(inArray(outboxMails.id, due))
        .returning();
    },

    async markSent(id: string, at: Date, blankBody: boolean): Promise<void> {
      await executor(db)
        .update(outboxMails)
        .set({ sentAt: at, nextAttemptAt: null, lastError: null, ...(blankBody ? { body: '' } : {}) })
        .where(and(eq(outboxMails.id, id), isNull(outboxMails.sentAt)));
    },

    /** Records a failed try; `retryAt` null gives the mail up. */
    async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
      await executor(db)
        .update(outboxMails)
        .set({ lastError: error.slice(0, 1000), nextAttemptAt: retryAt })
        .where(and(eq(outboxMails.id, id), isNull(outboxMails.sentAt)));
    },

    /** Newest first, a page at a time. */
    async list(options: { offset: number; limit: number }): Promise<{ rows: OutboxMail[]; total: number }> {
      const [rows, [totals]] = await Promise.all([
        executor(db)
          .select()
          .from(outboxMails)
          .orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
          .offset(options.offset)
          .limit(options.limit),
        executor(db).select({ total: count() }).from(outboxMails),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
