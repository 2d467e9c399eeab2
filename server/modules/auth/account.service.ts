import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { RequestMeta } from '../../actor';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { UnauthenticatedError, ValidationError } from '../../errors';
import type { AuditRepository } from '../audit/audit.repository';
import { mailLanguage } from '../mail/language';
import type { Outbox } from '../mail/outbox.service';
import type { UsersRepository } from '../users/users.repository';
import type { AuthState } from './auth.service';
import { LockedOutError, SIGN_IN_PER_ACCOUNT } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-strength';
import type { PasswordResetsRepository } from './password-resets.repository';
import { hashSecret, randomToken } from './session-token';
import type { SessionsRepository } from './sessions.repository';
import type { ThrottleSubject, ThrottlesRepository } from './throttles.repository';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60;
/** Reset mails one account may be sent per hour, so nobody can flood a mailbox through the form. */
export const RESET_LINKS_PER_HOUR = 3;

const INVALID_LINK = () =>
  ValidationError.field(
    'token',
    'invalid_link',
    'This link does not work: it was used already, it expired, or it was mistyped. Ask for a new one.',
  );

/**
 * What every holder does to their own account: change the password, end their other sessions, and get a
 * forgotten password back through a single-use link by e-mail.
 */
export function createAccountService(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  users: UsersRepository;
  sessions: SessionsRepository;
  throttles: ThrottlesRepository;
  resets: PasswordResetsRepository;
  outbox: Outbox;
  audit: AuditRepository;
}) {
  const { db, config, clock, users, sessions, throttles, resets, outbox, audit } = deps;

  return {
    /**
     * Changes the password after checking the current one. A wrong current password counts against the
     * account's sign-in lock-out, as a wrong sign-in would: a borrowed session cannot guess it freely.
     * Other sessions end; this one stays, and is free of an administrator's "change it first".
     */
    async changePassword(auth: AuthState, input: { currentPassword: string; newPassword: string }, meta: RequestMeta) {
      const user = await users.findById(auth.user.id);
      if (!user) throw new UnauthenticatedError('Sign in first.');
      const subject: ThrottleSubject = {
        kind: 'sign-in',
        subject: `account:${user.id}`,
        userId: user.id,
        policy: SIGN_IN_PER_ACCOUNT,
      };
      const { lockedUntil } = await throttles.beginAttempt(subject, clock());
      if (lockedUntil) {
        throw new LockedOutError(
          'SIGN_IN_LOCKED',
          Math.max(1, Math.ceil((lockedUntil.getTime() - clock().getTime()) / 1000)),
        );
      }
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await audit.append({ actorId: user.id, action: 'account.password-change-failed', ip: meta.ip }, clock());
        await throttles.recordFailure(subject, clock());
        throw ValidationError.field('currentPassword', 'incorrect', 'The current password is not correct.');
      }
      await throttles.recordSuccess(subject);
      const weak = passwordProblem(input.newPassword, [user.email, user.fullName, user.nationalId ?? '']);
      if (weak) throw new ValidationError([{ ...weak, field: 'newPassword' }]);
      if (input.newPassword === input.currentPassword) {
        throw ValidationError.field('newPassword', 'unchanged', 'The new password must differ from the current one.');
      }
      const passwordHash = await hashPassword(input.newPassword);
      return transaction(db, async () => {
        await users.update(user.id, { passwordHash, mustChangePassword: false });
        const ended = await sessions.deleteOthersForUser(user.id, auth.sessionId);
        await resets.retireAll(user.id, clock());
        await audit.append(
          {
            actorId: user.id,
            action: 'account.password-changed',
            targetType: 'user',
            targetId: user.id,
            ip: meta.ip,
            details: { otherSessionsEnded: ended, wasInitial: user.mustChangePassword },
          },
          clock(),
        );
        return { otherSessionsEnded: ended };
      });
    },

    /** Ends every session of this account but the one asking (a phone left signed in, a shared computer). */
    async signOutOthers(auth: AuthState, meta: RequestMeta) {
      return transaction(db, async () => {
        const ended = await sessions.deleteOthersForUser(auth.user.id, auth.sessionId);
        await audit.append(
          {
            actorId: auth.user.id,
            action: 'account.other-sessions-ended',
            targetType: 'user',
            targetId: auth.user.id,
            ip: meta.ip,
            details: { ended },
          },
          clock(),
        );
        return { ended };
      });
    },

    /**
     * Sends a reset link to the address if an enabled account has it. The caller is told the same either way,
     * so the form cannot be used to learn who has an account; the audit records what really happened.
     */
    async requestReset(email: string, meta: RequestMeta): Promise<void> {
      const user = await users.findByEmail(email.trim().toLowerCase());
      if (!user || user.disabledAt) {
        await audit.append(
          { actorId: null, action: 'password-reset.unknown', ip: meta.ip, details: { email: email.slice(0, 254) } },
          clock(),
        );
        return;
      }
      const now = clock();
      await transaction(db, async () => {
        if ((await resets.countSince(user.id, new Date(now.getTime() - 3_600_000))) >= RESET_LINKS_PER_HOUR) {
          await audit.append(
            { actorId: null, action: 'password-reset.throttled', targetType: 'user', targetId: user.id, ip: meta.ip },
            now,
          );
          return;
        }
        const token = randomToken();
        await resets.insert({
          tokenHash: hashSecret(token),
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
          usedAt: null,
        });
        await outbox.enqueue({
          to: user.email,
          locale: mailLanguage(user.locale),
          template: 'password-reset',
          values: {
            fullName: user.fullName,
            link: `${config.publicUrl}/reset-password/${token}`,
            minutes: RESET_LINK_MINUTES,
          },
          userId: user.id,
        });
        await audit.append(
          { actorId: null, action: 'password-reset.requested', targetType: 'user', targetId: user.id, ip: meta.ip },
          now,
        );
      });
    },

    /** Whether a link still works, so its page can say so before the new password is typed. */
    async resetLinkWorks(token: string): Promise<boolean> {
      const found = await resets.findUsable(hashSecret(token), clock());
      return !!found && !found.user.disabledAt;
    },

    /**
     * Sets a new password through a link: used once (of two racing uses exactly one wins), and every session
     * of the account ends, a thief's included.
     */
    async completeReset(token: string, password: string, meta: RequestMeta): Promise<void> {
      const tokenHash = hashSecret(token);
      const found = await resets.findUsable(tokenHash, clock());
      if (!found || found.user.disabledAt) throw INVALID_LINK();
      const { user } = found;
      const weak = passwordProblem(password, [user.email, user.fullName, user.nationalId ?? '']);
      if (weak) throw new ValidationError([weak]);
      const passwordHash = await hashPassword(password);
      await transaction(db, async () => {
        const userId = await resets.consume(tokenHash, clock());
        if (userId !== user.id) throw INVALID_LINK();
        await users.update(user.id, { passwordHash, mustChangePassword: false });
        await resets.retireAll(user.id, clock());
        await sessions.deleteAllForUser(user.id);
        await audit.append(
          { actorId: user.id, action: 'password-reset.completed', targetType: 'user', targetId: user.id, ip: meta.ip },
          clock(),
        );
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
