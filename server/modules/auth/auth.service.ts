import type { Config } from '../../config';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import type { Role, User } from '../../../db/schema/index';
import type { NationalIdRegistry } from '../../core/national-id/index';
import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  ValidationError,
  type FieldProblem,
} from '../../errors';
import type { AuditRepository } from '../audit/audit.repository';
import type { UsersRepository } from '../users/users.repository';
import { uniqueViolation } from '../../../db/errors';
import { storableText } from '../../schemas';
import { isStaff } from './access';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import { hashSecret, parseSessionToken, randomToken, secretsEqual } from './session-token';
import type { SessionsRepository } from './sessions.repository';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';

export interface AuthUser {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  nationalIdScheme: string | null;
  nationalId: string | null;
  twoFactorEnabled: boolean;
}

export interface AuthState {
  user: AuthUser;
  sessionId: string;
  /** False for a staff session between password and TOTP code. */
  twoFactorVerified: boolean;
}

/** What the caller must do after a password is accepted. */
export type SignInNext = 'done' | 'two-factor' | 'two-factor-setup';

export interface RequestMeta {
  ip: string | null;
}

export interface SignUpInput {
  nationalIdScheme: string;
  nationalId: string;
  fullName: string;
  email: string;
  password: string;
  locale?: string | undefined;
}

export function toAuthUser(user: User): AuthUser {
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

/** The field a unique index protects, so a lost race still gets an error beside the right field. */
const UNIQUE_FIELDS: Record<string, FieldProblem> = {
  users_email_key: { field: 'email', code: 'taken', message: 'An account with this e-mail already exists.' },
  users_national_id_key: {
    field: 'nationalId',
    code: 'taken',
    message: 'An account with this national ID already exists.',
  },
};

export function createAuthService(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
  nationalIds: NationalIdRegistry;
}) {
  const { db, config, clock, users, sessions, audit, nationalIds } = deps;
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
    if (problems.length) throw new ValidationError(problems);
    const nationalId = (id as { value: string }).value;
    const [byEmail, byId] = await Promise.all([
      users.findByEmail(email),
      users.findByNationalId(input.nationalIdScheme, nationalId),
    ]);
    const conflicts: FieldProblem[] = [];
    if (byEmail) conflicts.push(UNIQUE_FIELDS.users_email_key!);
    if (byId) conflicts.push(UNIQUE_FIELDS.users_national_id_key!);
    if (conflicts.length) throw new ConflictError(conflicts);
    return { nationalId, email };
  }

  return {
    async signUp(input: SignUpInput, meta: RequestMeta) {
      const { nationalId, email } = await checkSignUp(input);
      const passwordHash = await hashPassword(input.password);
      let user: User;
      try {
        user = await db.transaction(async (tx) => {
          const created = await users.insert(
            {
              nationalIdScheme: input.nationalIdScheme,
              nationalId,
              fullName: input.fullName.trim(),
              email,
              passwordHash,
              role: 'applicant',
              locale: input.locale ?? 'az',
            },
            tx,
          );
          await audit.append(
            { actorId: created.id, action: 'account.signed-up', targetType: 'user', targetId: created.id, ip: meta.ip },
            clock(),
            tx,
          );
          return created;
        });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint && UNIQUE_FIELDS[constraint]) throw new ConflictError([UNIQUE_FIELDS[constraint]]);
        throw error;
      }
      const session = await createSession(user, true);
      return { user: toAuthUser(user), token: session.token, next: 'done' as SignInNext };
    },

    async signIn(login: string, password: string, meta: RequestMeta) {
      const user = await users.findByLogin(login.trim());
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
      if (!user || !ok) {
        await audit.append(
          { actorId: user?.id ?? null, action: 'sign-in.failed', ip: meta.ip, details: { login: login.slice(0, 200) } },
          clock(),
        );
        throw new InvalidCredentialsError();
      }
      const next = nextStep(user);
      const session = await createSession(user, next === 'done');
      await audit.append(
        { actorId: user.id, action: 'sign-in', targetType: 'session', targetId: session.sessionId, ip: meta.ip },
        clock(),
      );
      return { user: toAuthUser(user), token: session.token, next };
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

    /** Confirms enrolment with a first code, which also completes this sign-in. */
    async enableTwoFactor(auth: AuthState, code: string, meta: RequestMeta) {
      const user = await users.findById(auth.user.id);
      if (!user?.totpSecret || user.totpEnabledAt) {
        throw ValidationError.field('code', 'no_setup', 'Start the two-factor set-up first.');
      }
      const step = matchTotpStep(user.totpSecret, code, clock(), user.totpLastStep);
      if (step === null) {
        await audit.append({ actorId: user.id, action: 'two-factor.failed', ip: meta.ip }, clock());
        throw ValidationError.field('code', 'invalid_code', 'The code is not correct.');
      }
      await db.transaction(async (tx) => {
        await users.update(user.id, { totpEnabledAt: clock(), totpLastStep: step }, tx);
        await sessions.markTwoFactorVerified(auth.sessionId, tx);
        await audit.append({ actorId: user.id, action: 'two-factor.enabled', ip: meta.ip }, clock(), tx);
      });
    },

    async verifyTwoFactor(auth: AuthState, code: string, meta: RequestMeta) {
      const user = await users.findById(auth.user.id);
      if (!user?.totpSecret || !user.totpEnabledAt) {
        throw ValidationError.field('code', 'no_setup', 'Two-factor sign-in is not set up for this account.');
      }
      const step = matchTotpStep(user.totpSecret, code, clock(), user.totpLastStep);
      const accepted = step !== null && (await users.advanceTotpStep(user.id, step));
      if (!accepted) {
        await audit.append({ actorId: user.id, action: 'two-factor.failed', ip: meta.ip }, clock());
        throw ValidationError.field('code', 'invalid_code', 'The code is not correct.');
      }
      await db.transaction(async (tx) => {
        await sessions.markTwoFactorVerified(auth.sessionId, tx);
        await audit.append({ actorId: user.id, action: 'sign-in.two-factor', ip: meta.ip }, clock(), tx);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
