import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Role, User } from '../../../db/schema/index';
import { uniqueViolation } from '../../../db/errors';
import { ConflictError, conflict, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { Actor, SignedInActor } from '../../actor';
import { isStaff } from '../auth/access';
import { accountIdentity, type AccountIdentity } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-strength';
import type { SessionsRepository } from '../auth/sessions.repository';
import type { UsersRepository } from './users.repository';

/** What an administrator sees of an account: never its password hash or TOTP secret. */
export interface UserSummary extends AccountIdentity {
  /** When an administrator disabled the account; null while it is enabled. */
  disabledAt: string | null;
  /** Still on the initial password an administrator typed. */
  mustChangePassword: boolean;
  createdAt: string;
}

export function toUserSummary(user: User): UserSummary {
  return {
    ...accountIdentity(user),
    disabledAt: user.disabledAt?.toISOString() ?? null,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface CreateAccountInput {
  fullName: string;
  email: string;
  role: Role;
  password: string;
}

/** Whether an administrator other than `userId` can still sign in: the centre must never lock itself out. */
function otherEnabledAdministrator(administrators: { id: string; disabledAt: Date | null }[], userId: string) {
  return administrators.some((a) => a.id !== userId && !a.disabledAt);
}

const EMAIL_TAKEN = { field: 'email', code: 'taken', message: 'An account with this e-mail already exists.' };

export function createUsersService(deps: {
  db: Db;
  clock: Clock;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
}) {
  const { db, clock, users, sessions, audit } = deps;

  return {
    async list(query: Parameters<UsersRepository['list']>[0]) {
      const { rows, total } = await users.list(query);
      const last = rows.at(-1);
      return {
        items: rows.map(toUserSummary),
        total,
        nextCursor: rows.length === query.limit && last ? last.email : null,
      };
    },

    /**
     * Creates a staff (or applicant) account with an initial password the administrator hands over. Through
     * the API (`initialPassword`) the holder must change it at first sign-in: a password someone else typed
     * is not theirs. The set-up command and the demo, where the holder chose it, leave it as it is.
     */
    async createAccount(
      actor: Actor,
      input: CreateAccountInput,
      options: { initialPassword?: boolean } = {},
    ): Promise<UserSummary> {
      const email = input.email.trim().toLowerCase();
      // The initial password is the account's until its holder changes it: the same rule as sign-up.
      const weak = passwordProblem(input.password, [email, input.fullName]);
      if (weak) throw new ValidationError([weak]);
      if (await users.findByEmail(email)) throw new ConflictError([EMAIL_TAKEN]);
      const passwordHash = await hashPassword(input.password);
      try {
        const user = await transaction(db, async () => {
          const created = await users.insert({
            fullName: input.fullName.trim(),
            email,
            passwordHash,
            role: input.role,
            createdBy: actor.id,
            mustChangePassword: options.initialPassword ?? false,
          });
          await audit.append(
            auditEvent(actor, 'account.created', 'user', created.id, {
              role: input.role,
              email,
              initialPassword: options.initialPassword ?? false,
            }),
            clock(),
          );
          return created;
        });
        return toUserSummary(user);
      } catch (error) {
        if (uniqueViolation(error) === 'users_email_key') throw new ConflictError([EMAIL_TAKEN]);
        throw error;
      }
    },

    /**
     * Changes an account's role and ends its sessions, so that the new rights (or their loss)
     * take effect at once and a new staff member must pass two-factor set-up.
     */
    async changeRole(actor: Actor, userId: string, role: Role): Promise<UserSummary> {
      return transaction(db, async () => {
        // Locked before the account is read, and inside the transaction: a count read outside it could be
        // stale under concurrent demotions (leaving no administrator) and, on PGlite, waits for this very transaction.
        const administrators = await users.lockAdministrators();
        const user = await users.findById(userId);
        if (!user) throw new NotFoundError('No such account.');
        if (user.role === role) return toUserSummary(user);
        if (user.role === 'administrator' && !otherEnabledAdministrator(administrators, user.id)) {
          throw new ForbiddenError('The last administrator cannot lose the role.');
        }
        const updated = await users.update(userId, { role });
        await sessions.deleteAllForUser(userId);
        await audit.append(
          auditEvent(actor, 'account.role-changed', 'user', userId, { from: user.role, to: role }),
          clock(),
        );
        return toUserSummary(updated!);
      });
    },

    /**
     * Disables an account: its sessions end at once and it cannot sign in until enabled again. An
     * administrator cannot disable their own account, nor the last enabled administrator.
     */
    async disable(actor: SignedInActor, userId: string, reason: string): Promise<UserSummary> {
      if (userId === actor.id) throw new ForbiddenError('You cannot disable your own account.');
      return transaction(db, async () => {
        const administrators = await users.lockAdministrators();
        const user = await users.findById(userId);
        if (!user) throw new NotFoundError('No such account.');
        if (user.disabledAt) return toUserSummary(user);
        if (user.role === 'administrator' && !otherEnabledAdministrator(administrators, user.id)) {
          throw new ForbiddenError('The last enabled administrator cannot be disabled.');
        }
        const updated = await users.update(userId, { disabledAt: clock() });
        await sessions.deleteAllForUser(userId);
        await audit.append(auditEvent(actor, 'account.disabled', 'user', userId, { reason }), clock());
        return toUserSummary(updated!);
      });
    },

    async enable(actor: SignedInActor, userId: string): Promise<UserSummary> {
      return transaction(db, async () => {
        const user = await users.findById(userId);
        if (!user) throw new NotFoundError('No such account.');
        if (!user.disabledAt) return toUserSummary(user);
        const updated = await users.update(userId, { disabledAt: null });
        await audit.append(auditEvent(actor, 'account.enabled', 'user', userId), clock());
        return toUserSummary(updated!);
      });
    },

    /**
     * Removes a staff member's two-factor (a lost phone): their sessions end, and the next sign-in asks them
     * to enrol again. Not one's own: another administrator must do it, so a stolen session cannot.
     */
    async resetTwoFactor(actor: SignedInActor, userId: string): Promise<UserSummary> {
      if (userId === actor.id) throw new ForbiddenError('Another administrator must reset your own two-factor.');
      return transaction(db, async () => {
        const user = await users.findById(userId);
        if (!user) throw new NotFoundError('No such account.');
        if (!isStaff(user.role)) {
          throw conflict('userId', 'not_staff', 'Only staff accounts use two-factor sign-in.');
        }
        const updated = await users.update(userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
        await sessions.deleteAllForUser(userId);
        await audit.append(
          auditEvent(actor, 'account.two-factor-reset', 'user', userId, { wasEnabled: user.totpEnabledAt !== null }),
          clock(),
        );
        return toUserSummary(updated!);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
