import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { NoticeParamsRecord } from '../../../db/schema/index';
import { NotFoundError } from '../../errors';
import { mailLanguage, type Language } from '../mail/language';
import type { Outbox } from '../mail/outbox.service';
import type { UsersRepository } from '../users/users.repository';
import { renderNotice } from './kinds/index';
import type { NoticesRepository } from './notices.repository';
import type { MarkedResponse, NoticesResponse } from './notices.schemas';
import type { AnyNotice, Notify } from './notify';

/** How long before a sitting's start its candidates are reminded (once). */
export const REMINDER_HOURS = 24;
const REMINDER_BATCH = 500;

/**
 * The notices: what happened to an applicant, in their inbox and by e-mail (issue 17). Other services tell
 * through `notify` inside their own transaction; the mail goes through the outbox, so it is sent only after
 * the action commits, retried with backoff, and a failed mail never fails the action.
 */
export function createNoticesService(deps: {
  db: Db;
  clock: Clock;
  repository: NoticesRepository;
  outbox: Pick<Outbox, 'enqueueMany'>;
  users: Pick<UsersRepository, 'update' | 'findById'>;
  publicUrl: string;
}) {
  const { db, clock, repository, outbox, users, publicUrl } = deps;

  async function notifyMany(list: readonly AnyNotice[]): Promise<void> {
    if (list.length === 0) return;
    const now = clock();
    const inserted = await repository.insertNew(
      list.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        ref: n.ref,
        params: n.params as NoticeParamsRecord,
        createdAt: now,
      })),
    );
    // Only those told for the first time are mailed, and not those whose event mails by itself.
    const quiet = new Set(list.filter((n) => n.quiet).map((n) => `${n.userId} ${n.kind} ${n.ref}`));
    const mailed = inserted.filter((n) => !quiet.has(`${n.userId} ${n.kind} ${n.ref}`));
    if (mailed.length === 0) return;
    const contacts = new Map((await repository.contacts(mailed.map((n) => n.userId))).map((c) => [c.id, c]));
    await outbox.enqueueMany(
      mailed.flatMap((notice) => {
        const contact = contacts.get(notice.userId);
        if (!contact) return [];
        return [
          {
            to: contact.email,
            locale: mailLanguage(contact.locale),
            template: 'notice' as const,
            values: { fullName: contact.fullName, kind: notice.kind, params: notice.params, publicUrl },
            userId: contact.id,
          },
        ];
      }),
    );
  }

  const notify: Notify = {
    notify: (notice) => notifyMany([notice as AnyNotice]),
    notifyMany,
  };

  return {
    ...notify,

    /** The account's inbox, newest first, written in `language` (the account's own when not given). */
    async inbox(
      userId: string,
      page: { offset: number; limit: number },
      language?: Language,
    ): Promise<NoticesResponse> {
      const lang = language ?? mailLanguage((await users.findById(userId))?.locale);
      const { rows, total, unread } = await repository.page(userId, page);
      return {
        total,
        unread,
        items: rows.flatMap((row) => {
          const rendered = renderNotice(row.kind, row.params, lang);
          if (!rendered) return [];
          return [
            {
              id: row.id,
              kind: row.kind,
              ...rendered,
              createdAt: row.createdAt.toISOString(),
              read: row.readAt !== null,
            },
          ];
        }),
      };
    },

    async unread(userId: string): Promise<{ unread: number }> {
      return { unread: await repository.unreadCount(userId) };
    },

    /** Marks one of the account's own notices read; another's is not found. Marking it again changes nothing. */
    async markRead(userId: string, id: string): Promise<MarkedResponse> {
      return transaction(db, async () => {
        if (!(await repository.owns(userId, id))) throw new NotFoundError('No such notice.');
        const marked = await repository.markRead(userId, [id], clock());
        return { marked, unread: await repository.unreadCount(userId) };
      });
    },

    async markAllRead(userId: string): Promise<MarkedResponse> {
      return transaction(db, async () => {
        const marked = await repository.markRead(userId, 'all', clock());
        return { marked, unread: await repository.unreadCount(userId) };
      });
    },

    /** The language the account's mails are written in (and its inbox, by default): the one it last chose. */
    async setLanguage(userId: string, language: Language): Promise<{ language: Language }> {
      await users.update(userId, { locale: language });
      return { language };
    },

    /**
     * The background job: reminds each candidate of a sitting whose roster is fixed, once, when its start is
     * less than a day away. A reminder already told is skipped (and the insert would ignore it anyway), so
     * rounds that overlap or repeat after a crash tell nobody twice.
     */
    async remindUpcoming(): Promise<number> {
      let told = 0;
      for (;;) {
        const now = clock();
        const due = await repository.dueReminders(
          now,
          new Date(now.getTime() + REMINDER_HOURS * 3_600_000),
          REMINDER_BATCH,
        );
        if (due.length === 0) break;
        await transaction(db, () =>
          notifyMany(
            due.map((b) => ({
              userId: b.userId,
              kind: 'exam-approaching' as const,
              ref: b.bookingId,
              params: {
                bookingId: b.bookingId,
                sittingCode: b.sittingCode,
                startsAt: b.startsAt.toISOString(),
                room: b.room,
                seat: b.seat,
              },
            })),
          ),
        );
        told += due.length;
        if (due.length < REMINDER_BATCH) break;
      }
      return told;
    },
  };
}

export type NoticesService = ReturnType<typeof createNoticesService>;
