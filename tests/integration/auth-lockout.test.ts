import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, authThrottles } from '../../db/schema/index';
import { signInStaff, signUpApplicant, totpCode, type SignedIn } from '../factories/users';
import { secondProcess } from '../factories/processes';
import { createTestApp, request, sessionCookie, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signIn = (login: string, password: string, remoteAddress = '127.0.0.1', app = t.app) =>
  request(app, { method: 'POST', url: '/api/auth/sign-in', payload: { login, password }, remoteAddress });
const verify = (cookie: string, code: string, remoteAddress = '127.0.0.1') =>
  request(t.app, { method: 'POST', url: '/api/auth/two-factor/verify', cookie, payload: { code }, remoteAddress });
const notice = (cookie: string) => request(t.app, { method: 'GET', url: '/api/auth/notice', cookie });
const auditFor = (action: string, actorId: string | null) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), actorId ? eq(auditLog.actorId, actorId) : undefined));
const wrongCode = (secret: string) => String((Number(totpCode(t, secret)) + 500_000) % 1_000_000).padStart(6, '0');

/** The part of a refusal a visitor can see, less what varies per request. */
const visible = (response: Awaited<ReturnType<typeof signIn>>) => ({
  status: response.statusCode,
  body: response.json(),
  retryAfter: response.headers['retry-after'],
  cookies: response.cookies,
});

describe('wrong passwords, per account', () => {
  let applicant: SignedIn;
  beforeAll(async () => {
    applicant = await signUpApplicant(t);
  });

  it('locks the account after 5 wrong passwords (429 SIGN_IN_LOCKED, Retry-After), refuses even the right one, audits the lock-out, and lets it in once the minute is over', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const response = await signIn(applicant.email, `wrong password ${i}`);
      expect(response.statusCode, `attempt ${i}`).toBe(401);
      expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await expectDatabaseUnchanged(t.database.db, () => signIn(applicant.email, applicant.password));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toEqual({
      code: 'SIGN_IN_LOCKED',
      message: expect.stringMatching(/try again in 1 minute/),
    });
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.headers['cache-control']).toBe('no-store');
    expect(locked.cookies).toEqual([]);
    // The national ID reaches the same account, so the same lock.
    const [row] = await t.database.db
      .select()
      .from(authThrottles)
      .where(eq(authThrottles.subject, `account:${applicant.id}`));
    expect(row).toMatchObject({ kind: 'sign-in', userId: applicant.id, failures: 5, unreported: 5 });

    const lockouts = await auditFor('sign-in.locked-out', applicant.id);
    expect(lockouts).toEqual([
      expect.objectContaining({ ip: '127.0.0.1', details: expect.objectContaining({ scope: 'account', failures: 5 }) }),
    ]);

    t.clock.advance(MINUTE - 1000);
    expect((await signIn(applicant.email, applicant.password)).statusCode).toBe(429);
    t.clock.advance(1000);
    const after = await signIn(applicant.email, applicant.password);
    expect(after.statusCode, after.body).toBe(200);

    // Told once, on the session that followed, and the account page can show it.
    const cookie = sessionCookie(after, t.config);
    const told = await notice(cookie);
    expect(told.statusCode).toBe(200);
    expect(told.headers['cache-control']).toBe('no-store');
    expect(told.json()).toEqual({
      notice: { failedPasswords: 5, failedCodes: 0, lockedOut: true, at: t.clock.read().toISOString() },
    });
    const next = await signIn(applicant.email, applicant.password);
    expect((await notice(sessionCookie(next, t.config))).json()).toEqual({ notice: null });
    expect((await notice(applicant.cookie)).json()).toEqual({ notice: null });
  });

  it('grows the lock-out with each further wrong password, and a right one ends the streak', async () => {
    const someone = await signUpApplicant(t);
    for (let i = 0; i < 5; i += 1) expect((await signIn(someone.email, 'wrong password')).statusCode).toBe(401);
    const waits: string[] = [];
    for (const minutes of [1, 2, 4]) {
      const refused = await signIn(someone.email, 'wrong password');
      expect(refused.statusCode).toBe(429);
      waits.push(String(refused.headers['retry-after']));
      t.clock.advance(minutes * MINUTE);
      expect((await signIn(someone.email, 'wrong password')).statusCode).toBe(401);
    }
    expect(waits).toEqual(['60', '120', '240']);
    expect((await signIn(someone.email, someone.password)).headers['retry-after']).toBe('480');
    t.clock.advance(8 * MINUTE);
    expect((await signIn(someone.email, someone.password)).statusCode).toBe(200);
    // A fresh streak: four wrong passwords are allowed again before the fifth locks.
    for (let i = 0; i < 4; i += 1) expect((await signIn(someone.email, 'wrong password')).statusCode).toBe(401);
    expect((await signIn(someone.email, someone.password)).statusCode).toBe(200);
  });

  it('answers a login no account has exactly as a real account: same 401s, same lock-out, same wording', async () => {
    const real = await signUpApplicant(t);
    const nobody = `nobody-${Date.now()}@example.az`;
    const realAnswers = [];
    const nobodyAnswers = [];
    for (let i = 0; i < 7; i += 1) {
      realAnswers.push(visible(await signIn(real.email, 'wrong password')));
      nobodyAnswers.push(visible(await signIn(nobody, 'wrong password')));
    }
    expect(nobodyAnswers).toEqual(realAnswers);
    expect(realAnswers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The unknown login is stored only as a digest.
    const rows = await t.database.db.select().from(authThrottles).where(eq(authThrottles.kind, 'sign-in'));
    expect(JSON.stringify(rows)).not.toContain(nobody);
  });

  it('is kept in the database, so another process on it refuses too', async () => {
    const victim = await signUpApplicant(t);
    for (let i = 0; i < 5; i += 1) expect((await signIn(victim.email, 'wrong password')).statusCode).toBe(401);
    const other = await secondProcess(t);
    try {
      const refused = await signIn(victim.email, victim.password, '127.0.0.1', other.app);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('SIGN_IN_LOCKED');
    } finally {
      await other.app.close();
    }
  });
});

describe('wrong two-factor codes', () => {
  let staff: SignedIn & { totpSecret: string };
  beforeAll(async () => {
    staff = await signInStaff(t, 'examiner');
  });
  const pending = async (remoteAddress = '127.0.0.1') => {
    const response = await signIn(staff.email, staff.password, remoteAddress);
    expect(response.json().next).toBe('two-factor');
    return sessionCookie(response, t.config);
  };

  it('locks the account after 5 wrong codes, refuses even the right code, audits it, and tells the holder after the next sign-in', async () => {
    t.clock.advance(MINUTE);
    // One wrong password first: the notice counts both kinds.
    expect((await signIn(staff.email, 'not my password')).statusCode).toBe(401);
    const cookie = await pending();
    for (let i = 1; i <= 5; i += 1) {
      const response = await verify(cookie, wrongCode(staff.totpSecret));
      expect(response.statusCode, `code ${i}`).toBe(400);
      expect(response.json().error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'invalid_code' })]);
    }
    const locked = await expectDatabaseUnchanged(t.database.db, () => verify(cookie, totpCode(t, staff.totpSecret)));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TWO_FACTOR_LOCKED');
    expect(locked.headers['retry-after']).toBe('60');
    // A new password session does not start a new count: the lock is the account's.
    const another = await pending();
    expect((await verify(another, totpCode(t, staff.totpSecret))).statusCode).toBe(429);

    const audit = await auditFor('two-factor.locked-out', staff.id);
    expect(audit).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ scope: 'account', failures: 5 }) }),
    ]);
    expect(await auditFor('two-factor.failed', staff.id)).toHaveLength(5);

    t.clock.advance(MINUTE);
    const accepted = await verify(another, totpCode(t, staff.totpSecret));
    expect(accepted.statusCode, accepted.body).toBe(200);
    const signedIn = sessionCookie(accepted, t.config);
    expect((await notice(signedIn)).json()).toEqual({
      notice: { failedPasswords: 1, failedCodes: 5, lockedOut: true, at: t.clock.read().toISOString() },
    });
    // The holder is told once.
    t.clock.advance(MINUTE);
    const again = await verify(await pending(), totpCode(t, staff.totpSecret));
    expect((await notice(sessionCookie(again, t.config))).json()).toEqual({ notice: null });
  });

  it('limits wrong codes per address too, across accounts (20, then locked for every account from there)', async () => {
    const address = '198.51.100.23';
    // One after another: each enrolment moves the test clock on by a time step.
    const examiners: (SignedIn & { totpSecret: string })[] = [];
    for (let i = 0; i < 6; i += 1) examiners.push(await signInStaff(t, 'examiner'));
    const pendingFor = async (account: SignedIn) => {
      const response = await signIn(account.email, account.password, address);
      return sessionCookie(response, t.config);
    };
    // Four wrong codes each on five accounts: no account reaches its own limit, the address does.
    for (const examiner of examiners.slice(0, 5)) {
      const cookie = await pendingFor(examiner);
      for (let i = 0; i < 4; i += 1)
        expect((await verify(cookie, wrongCode(examiner.totpSecret), address)).statusCode).toBe(400);
    }
    const fresh = examiners[5]!;
    t.clock.advance(MINUTE - 1000);
    const refused = await verify(await pendingFor(fresh), totpCode(t, fresh.totpSecret), address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('TWO_FACTOR_LOCKED');
    const lockouts = await auditFor('two-factor.locked-out', null);
    expect(lockouts.some((a) => (a.details as { scope?: string }).scope === 'address' && a.ip === address)).toBe(true);
    // From elsewhere the same account is fine.
    const elsewhere = await verify(
      sessionCookie(await signIn(fresh.email, fresh.password, '203.0.113.99'), t.config),
      totpCode(t, fresh.totpSecret),
      '203.0.113.99',
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
  });
});
