import type { Config } from '../../config';
import type { Clock } from '../../clock';
import type { RequestMeta } from '../../actor';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Role, User } from '../../../db/schema/index';
import type { NationalIdRegistry } from '../../core/national-id/index';
import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  ValidationError,
  type FieldProblem,
} from '../../errors';
import type { AuditEvent, AuditRepository } from '../audit/audit.repository';
import type { UsersRepository } from '../users/users.repository';
import { uniqueViolation } from '../../../db/errors';
import { storableText } from '../../schemas';
import { isStaff } from './access';
import { AccountDisabledError } from './account-errors';
import { createHash } from 'node:crypto';
import { LockedOutError, SIGN_IN_PER_ACCOUNT, TWO_FACTOR_PER_ACCOUNT, TWO_FACTOR_PER_ADDRESS } from './lockout';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import { passwordProblem } from './password-strength';
import { hashSecret, parseSessionToken, randomToken, secretsEqual } from './session-token';
import type { SessionsRepository } from './sessions.repository';
import type { ThrottleSubject, ThrottlesRepository } from './throttles.repository';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';

/** Who an account is, as its holder's session and the administrators' list of accounts both show it. */
export interface AccountIdentity {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  nationalIdScheme: string | null;
  nationalId: string | null;
  twoFactorEnabled: boolean;
}

export interface AuthUser extends AccountIdentity {
  /** An administrator's initial password is still in use: it must be changed before anything else. */
  mustChangePassword: boolean;
}

export interface AuthState {
  user: AuthUser;
  sessionId: string;
  /** False for a staff session between password and TOTP code. */
  twoFactorVerified: boolean;
}

/** What the caller must do after a password is accepted. */
export type SignInNext = 'done' | 'two-factor' | 'two-factor-setup';

export interface SignUpInput {
  nationalIdScheme: string;
  nationalId: string;
  fullName: string;
  email: string;
  password: string;
  locale?: string | undefined;
}

export function accountIdentity(
  user: Pick<User, 'id' | 'fullName' | 'email' | 'role' | 'nationalIdScheme' | 'nationalId' | 'totpEnabledAt'>,
): AccountIdentity {
  return {
    id: user.id,
    fullName: user.fullName,
    email: user.email,
    role: user.role,
    nationalIdScheme: user.nationalIdScheme,
    nationalId: user.nationalId,
    twoFactorEnabled: user.totpEnabledAt !== null,
  };
}

export function toAuthUser(user: Parameters<typeof accountIdentity>[0] & Pick<User, 'mustChangePassword'>): AuthUser {
  return { ...accountIdentity(user), mustChangePassword: user.mustChangePassword };
}

/**
 * The one answer to a sign-up whose national ID or e-mail (or both) is registered already. It names both
 * fields whichever one is taken, so an anonymous visitor cannot learn from it whether a given person
 * has an account; the owner is pointed to sign-in instead.
 */
const SIGN_UP_UNAVAILABLE_MESSAGE =
  'An account cannot be created with these details. If you already have an account, sign in instead; otherwise check the national ID and e-mail.';
const SIGN_UP_UNAVAILABLE: FieldProblem[] = [
  { field: 'nationalId', code: 'unavailable', message: SIGN_UP_UNAVAILABLE_MESSAGE },
  { field: 'email', code: 'unavailable', message: SIGN_UP_UNAVAILABLE_MESSAGE },
];
const UNIQUE_CONSTRAINTS = new Set(['users_email_key', 'users_national_id_key']);

/** What the account page tells a holder about failed attempts on their account since they last signed in. */
export interface SecurityNotice {
  failedPasswords: number;
  failedCodes: number;
  lockedOut: boolean;
  at: string;
}

/** An unknown login is counted and locked out like an account, so the answers cannot tell them apart. */
function loginSubject(login: string): string {
  return `login:${createHash('sha256').update(login.trim().toLowerCase()).digest('hex')}`;
}

function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export function createAuthService(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
  nationalIds: NationalIdRegistry;
  throttles: ThrottlesRepository;
}) {
  const { db, config, clock, users, sessions, audit, nationalIds } = deps;
  const { throttles } = deps;
  // Writing last-seen on every request would turn each autosave into two writes; once in a while is enough.
  const touchIntervalMs = Math.min(5 * 60_000, config.session.idleMs / 4);

  async function createSession(user: User, twoFactorVerified: boolean): Promise<{ token: string; sessionId: string }> {
    const id = randomToken();
    const secret = randomToken();
    const now = clock();
    await sessions.insert({
      id,
      secretHash: hashSecret(secret),
      userId: user.id,
      createdAt: now,
      lastVerifiedAt: now,
      twoFactorVerified,
    });
    return { token: `${id}.${secret}`, sessionId: id };
  }

  /** Counts the attempt against every subject, refusing it if any of them is locked out. */
  async function beginAttempts(subjects: ThrottleSubject[], code: LockedOutError['code']): Promise<void> {
    // With several subjects, one locked must not let the attempt count against the others.
    if (subjects.length > 1) {
      const until = await throttles.lockedUntil(subjects, clock());
      if (until) throw new LockedOutError(code, retryAfterSeconds(until, clock()));
    }
    for (const subject of subjects) {
      const { lockedUntil } = await throttles.beginAttempt(subject, clock());
      if (lockedUntil) throw new LockedOutError(code, retryAfterSeconds(lockedUntil, clock()));
    }
  }

  /** Records a failed attempt, and audits each lock-out it starts (or prolongs). */
  async function failAttempts(
    subjects: ThrottleSubject[],
    action: 'sign-in.locked-out' | 'two-factor.locked-out',
    actorId: string | null,
    meta: RequestMeta,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    for (const subject of subjects) {
      const { failures, lockedUntil } = await throttles.recordFailure(subject, clock());
      if (!lockedUntil) continue;
      const scope = subject.subject.split(':')[0];
      await audit.append(
        {
          actorId,
          action,
          ip: meta.ip,
          details: { ...details, scope, failures, lockedUntil: lockedUntil.toISOString() },
        },
        clock(),
      );
    }
  }

  function twoFactorSubjects(user: User, meta: RequestMeta): ThrottleSubject[] {
    const subjects: ThrottleSubject[] = [];
    // The address first: a guesser moving between accounts is stopped before any account's count moves.
    if (meta.ip)
      subjects.push({
        kind: 'two-factor',
        subject: `address:${meta.ip}`,
        userId: null,
        policy: TWO_FACTOR_PER_ADDRESS,
      });
    subjects.push({
      kind: 'two-factor',
      subject: `account:${user.id}`,
      userId: user.id,
      policy: TWO_FACTOR_PER_ACCOUNT,
    });
    return subjects;
  }

  /** Leaves a notice on the new session if anyone failed to sign in as this account since its last sign-in. */
  async function reportFailures(userId: string, sessionId: string): Promise<void> {
    const unreported = await throttles.takeUnreported(userId);
    if (!unreported.length) return;
    const count = (kind: string) =>
      unreported.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.unreported, 0);
    await throttles.insertNotice({
      sessionId,
      userId,
      failedPasswords: count('sign-in'),
      failedCodes: count('two-factor'),
      lockedOut: unreported.some((row) => row.lockoutUnreported),
      createdAt: clock(),
    });
  }

  /**
   * Ends the session that passed only the password and opens a new one, so that a session id seen
   * before the second factor (a fixated or sniffed cookie) is worth nothing after it.
   */
  async function replaceSession(
    auth: AuthState,
    user: User,
    action: AuditEvent['action'],
    meta: RequestMeta,
    extra?: () => Promise<void>,
  ) {
    return transaction(db, async () => {
      await extra?.();
      await sessions.delete(auth.sessionId);
      const session = await createSession(user, true);
      await audit.append(
        { actorId: user.id, action, targetType: 'session', targetId: session.sessionId, ip: meta.ip },
        clock(),
      );
      await reportFailures(user.id, session.sessionId);
      return { token: session.token };
    });
  }

  function nextStep(user: User): SignInNext {
    if (!isStaff(user.role)) return 'done';
    return user.totpEnabledAt ? 'two-factor' : 'two-factor-setup';
  }

  /** Checks the fields a sign-up needs beyond their shape, reporting every problem at once. */
  async function checkSignUp(input: SignUpInput): Promise<{ nationalId: string; email: string }> {
    const problems: FieldProblem[] = [];
    const id = nationalIds.check(input.nationalIdScheme, input.nationalId);
    const email = input.email.trim().toLowerCase();
    if (!id.ok) {
      problems.push(
        id.problem === 'scheme'
          ? { field: 'nationalIdScheme', code: 'unsupported', message: 'This kind of national ID is not accepted.' }
          : {
              field: 'nationalId',
              code: `national_id.${id.problem}`,
              message: `The national ID is not valid (${id.problem}).`,
            },
      );
    }
    if (input.fullName.trim().length < 2) {
      problems.push({ field: 'fullName', code: 'too_short', message: 'The full name is too short.' });
    }
    const weak = passwordProblem(input.password, [input.email, input.fullName, input.nationalId]);
    if (weak) problems.push(weak);
    if (problems.length) throw new ValidationError(problems);
    const nationalId = (id as { value: string }).value;
    const [byEmail, byId] = await Promise.all([
      users.findByEmail(email),
      users.findByNationalId(input.nationalIdScheme, nationalId),
    ]);
    if (byEmail || byId) throw new ConflictError(SIGN_UP_UNAVAILABLE);
    return { nationalId, email };
  }

  return {
    async signUp(input: SignUpInput, meta: RequestMeta) {
      const { nationalId, email } = await checkSignUp(input);
      const passwordHash = await hashPassword(input.password);
      let user: User;
      try {
        user = await transaction(db, async () => {
          const created = await users.insert({
            nationalIdScheme: input.nationalIdScheme,
            nationalId,
            fullName: input.fullName.trim(),
            email,
            passwordHash,
            role: 'applicant',
            locale: input.locale ?? 'az',
          });
          await audit.append(
            { actorId: created.id, action: 'account.signed-up', targetType: 'user', targetId: created.id, ip: meta.ip },
            clock(),
          );
          return created;
        });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint && UNIQUE_CONSTRAINTS.has(constraint)) throw new ConflictError(SIGN_UP_UNAVAILABLE);
        throw error;
      }
      const session = await createSession(user, true);
      return { user: toAuthUser(user), token: session.token, next: 'done' as SignInNext };
    },

    /**
     * Checks a password. Wrong ones are counted per account (and per unknown login, alike), and after
     * SIGN_IN_PER_ACCOUNT.threshold of them the account is locked out for a growing while: 429, whatever
     * the password. An applicant is told of the failures on the next sign-in; staff after their code.
     */
    async signIn(login: string, password: string, meta: RequestMeta) {
      const user = await users.findByLogin(login.trim());
      const subject: ThrottleSubject = user
        ? { kind: 'sign-in', subject: `account:${user.id}`, userId: user.id, policy: SIGN_IN_PER_ACCOUNT }
        : { kind: 'sign-in', subject: loginSubject(login), userId: null, policy: SIGN_IN_PER_ACCOUNT };
      await beginAttempts([subject], 'SIGN_IN_LOCKED');
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
      if (!user || !ok) {
        const details = { login: login.slice(0, 200) };
        await audit.append({ actorId: user?.id ?? null, action: 'sign-in.failed', ip: meta.ip, details }, clock());
        await failAttempts([subject], 'sign-in.locked-out', user?.id ?? null, meta, details);
        throw new InvalidCredentialsError();
      }
      // Told only to whoever knows the password, so the answer reveals nothing to a guesser.
      if (user.disabledAt) {
        await audit.append(
          { actorId: user.id, action: 'sign-in.refused-disabled', targetType: 'user', targetId: user.id, ip: meta.ip },
          clock(),
        );
        throw new AccountDisabledError();
      }
      const next = nextStep(user);
      const session = await transaction(db, async () => {
        await throttles.recordSuccess(subject);
        const created = await createSession(user, next === 'done');
        await audit.append(
          { actorId: user.id, action: 'sign-in', targetType: 'session', targetId: created.sessionId, ip: meta.ip },
          clock(),
        );
        // Staff are told after their second factor, when the session that will show it exists.
        if (next === 'done') await reportFailures(user.id, created.sessionId);
        return created;
      });
      return { user: toAuthUser(user), token: session.token, next };
    },

    /** The notice left on this session at sign-in, if there were failed attempts to report. */
    async securityNotice(auth: AuthState): Promise<SecurityNotice | null> {
      const notice = await throttles.findNotice(auth.sessionId);
      if (!notice || notice.userId !== auth.user.id) return null;
      return {
        failedPasswords: notice.failedPasswords,
        failedCodes: notice.failedCodes,
        lockedOut: notice.lockedOut,
        at: notice.createdAt.toISOString(),
      };
    },

    /**
     * A sign-in refused before it reached `signIn` because its text is unreadable (a NUL, a lone surrogate):
     * still a failed sign-in, audited as one, with the login made storable (U+FFFD for what is not text).
     */
    async recordRefusedSignIn(login: unknown, meta: RequestMeta) {
      const text = typeof login === 'string' ? storableText(login) : '';
      const user = text && !text.includes('\uFFFD') ? await users.findByLogin(text.trim()) : undefined;
      await audit.append(
        { actorId: user?.id ?? null, action: 'sign-in.failed', ip: meta.ip, details: { login: text.slice(0, 200) } },
        clock(),
      );
    },

    /** Resolves a cookie's token to its session, ending expired ones and sliding the idle expiry. */
    async validateSession(token: string): Promise<AuthState | null> {
      const parsed = parseSessionToken(token);
      if (!parsed) return null;
      const found = await sessions.findWithUser(parsed.id);
      if (!found) return null;
      const { session, user } = found;
      if (!secretsEqual(hashSecret(parsed.secret), session.secretHash)) return null;
      // Disabling ends an account's sessions; this is the second lock on the door.
      if (user.disabledAt) return null;
      const now = clock().getTime();
      const idle = now - session.lastVerifiedAt.getTime();
      const age = now - session.createdAt.getTime();
      if (idle >= config.session.idleMs || age >= config.session.absoluteMs) {
        await sessions.delete(session.id);
        return null;
      }
      if (idle >= touchIntervalMs) await sessions.touch(session.id, new Date(now));
      return { user: toAuthUser(user), sessionId: session.id, twoFactorVerified: session.twoFactorVerified };
    },

    async signOut(auth: AuthState, meta: RequestMeta) {
      await sessions.delete(auth.sessionId);
      await audit.append({ actorId: auth.user.id, action: 'sign-out', ip: meta.ip }, clock());
    },

    /** Starts (or restarts) TOTP enrolment for a staff account that has none yet. */
    async beginTwoFactorSetup(auth: AuthState, meta: RequestMeta) {
      const user = await users.findById(auth.user.id);
      if (!user) throw new ForbiddenError('No such account.');
      // Sign-in never asks an applicant for a code, so a factor enrolled here would protect nothing.
      if (!isStaff(user.role)) throw new ForbiddenError('Two-factor sign-in is for staff accounts.');
      if (user.totpEnabledAt)
        throw new ConflictError([
          { field: 'code', code: 'already_enabled', message: 'Two-factor sign-in is already set up.' },
        ]);
      const secret = newTotpSecret();
      await users.update(user.id, { totpSecret: secret, totpLastStep: null });
      await audit.append({ actorId: user.id, action: 'two-factor.setup-started', ip: meta.ip }, clock());
      return { secret, uri: totpUri(secret, user.email) };
    },

    /**
     * Confirms enrolment with a first code, which also completes this sign-in: the pending session is
     * replaced by a new one, whose token the caller must set.
     */
    async enableTwoFactor(auth: AuthState, code: string, meta: RequestMeta): Promise<{ token: string }> {
      const user = await users.findById(auth.user.id);
      if (!user?.totpSecret || user.totpEnabledAt) {
        throw ValidationError.field('code', 'no_setup', 'Start the two-factor set-up first.');
      }
      const subjects = twoFactorSubjects(user, meta);
      await beginAttempts(subjects, 'TWO_FACTOR_LOCKED');
      const step = matchTotpStep(user.totpSecret, code, clock(), user.totpLastStep);
      if (step === null) {
        await audit.append({ actorId: user.id, action: 'two-factor.failed', ip: meta.ip }, clock());
        await failAttempts(subjects, 'two-factor.locked-out', user.id, meta);
        throw ValidationError.field('code', 'invalid_code', 'The code is not correct.');
      }
      return replaceSession(auth, user, 'two-factor.enabled', meta, async () => {
        await users.update(user.id, { totpEnabledAt: clock(), totpLastStep: step });
        for (const subject of subjects) await throttles.recordSuccess(subject);
      });
    },

    /**
     * Completes a staff sign-in with a code. Wrong codes are counted per account and per address, with a
     * growing lock-out; on success the pending session is replaced by a new one, whose token the caller must set.
     */
    async verifyTwoFactor(auth: AuthState, code: string, meta: RequestMeta): Promise<{ token: string }> {
      const user = await users.findById(auth.user.id);
      if (!user?.totpSecret || !user.totpEnabledAt) {
        throw ValidationError.field('code', 'no_setup', 'Two-factor sign-in is not set up for this account.');
      }
      const subjects = twoFactorSubjects(user, meta);
      await beginAttempts(subjects, 'TWO_FACTOR_LOCKED');
      const step = matchTotpStep(user.totpSecret, code, clock(), user.totpLastStep);
      const accepted = step !== null && (await users.advanceTotpStep(user.id, step));
      if (!accepted) {
        await audit.append({ actorId: user.id, action: 'two-factor.failed', ip: meta.ip }, clock());
        await failAttempts(subjects, 'two-factor.locked-out', user.id, meta);
        throw ValidationError.field('code', 'invalid_code', 'The code is not correct.');
      }
      return replaceSession(auth, user, 'sign-in.two-factor', meta, async () => {
        for (const subject of subjects) await throttles.recordSuccess(subject);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
