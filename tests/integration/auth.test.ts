import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema/index';
import { randomToken } from '../../server/modules/auth/session-token';
import { cookieFor } from '../factories/sessions';
import { applicantInput, signInPassword, signUpApplicant, totpCode } from '../factories/users';
import { createTestApp, request, sessionCookie, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

// Non-default limits, so the expiry tests also prove the configuration is honoured.
const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 2 * 3_600_000;

let t: TestApp;
beforeAll(async () => {
  // OWASP's Argon2 parameters, as in production, so the stored hash below proves them.
  t = await createTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2', PASSWORD_HASH_COST: 'owasp' });
});
afterAll(() => t.close());

const signUp = (payload: object, headers: Record<string, string> = {}) =>
  request(t.app, { method: 'POST', url: '/api/auth/sign-up', payload, headers });
const signIn = (login: string, password: string) =>
  request(t.app, { method: 'POST', url: '/api/auth/sign-in', payload: { login, password } });
const session = (cookie: string) => request(t.app, { method: 'GET', url: '/api/auth/session', cookie });
const signOut = (cookie: string) => request(t.app, { method: 'POST', url: '/api/auth/sign-out', cookie });
const verify = (cookie: string, code: string) =>
  request(t.app, { method: 'POST', url: '/api/auth/two-factor/verify', cookie, payload: { code } });

const tokenOf = (cookie: string) => cookie.split('=')[1]!;
const userByEmail = async (email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email)))[0];
const auditOf = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
const sessionRow = async (cookie: string) =>
  (
    await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, tokenOf(cookie).split('.')[0]!))
  )[0];

describe('sign-up', () => {
  it('creates the applicant, stores only normalised values and a hash, and signs in with a session cookie', async () => {
    const input = applicantInput({
      email: 'Nigar.Rzayeva@Example.AZ',
      nationalId: ' 5zk-7a2c ',
      fullName: ' Nigar Rzayeva ',
    });
    const response = await signUp(input);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      next: 'done',
      user: {
        id: expect.any(String),
        fullName: 'Nigar Rzayeva',
        email: 'nigar.rzayeva@example.az',
        role: 'applicant',
        nationalIdScheme: 'AZ_FIN',
        nationalId: '5ZK7A2C',
        twoFactorEnabled: false,
        mustChangePassword: false,
      },
    });

    const [cookie] = response.cookies;
    expect(response.cookies).toHaveLength(1);
    expect(cookie).toMatchObject({ name: 'imtahan_session', path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie!.maxAge).toBeUndefined();
    expect(cookie!.expires).toBeUndefined();
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).not.toMatch(/Max-Age|Expires/i);

    const row = await userByEmail('nigar.rzayeva@example.az');
    expect(row).toMatchObject({
      id: body.user.id,
      nationalIdScheme: 'AZ_FIN',
      nationalId: '5ZK7A2C',
      role: 'applicant',
    });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(JSON.stringify(row)).not.toContain(input.password);

    // The cookie carries <id>.<secret>; the database holds only SHA-256 of the secret.
    const [id, secret] = cookie!.value.split('.') as [string, string];
    const stored = await sessionRow(`x=${cookie!.value}`);
    expect(stored).toMatchObject({ id, userId: body.user.id, twoFactorVerified: true });
    expect(Buffer.from(stored!.secretHash).toString('hex')).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const audit = await auditOf('account.signed-up');
    expect(audit.filter((a) => a.targetId === body.user.id)).toEqual([
      expect.objectContaining({ actorId: body.user.id, targetType: 'user', ip: '127.0.0.1' }),
    ]);
    const me = await session(`imtahan_session=${cookie!.value}`);
    expect(me.json()).toEqual({ user: body.user, twoFactorVerified: true });
  });

  describe('the same national ID or e-mail cannot register twice, and the answer does not say which is registered', () => {
    let first: ReturnType<typeof applicantInput>;
    beforeAll(async () => {
      first = applicantInput({ nationalId: '7HX2P9Q' });
      expect((await signUp(first)).statusCode).toBe(201);
    });

    /** The whole answer a visitor sees, less what differs between any two responses (date, request id). */
    const visible = (response: Awaited<ReturnType<typeof signUp>>) => {
      const { date: _date, 'x-ratelimit-remaining': _count, ...headers } = response.headers;
      return { status: response.statusCode, headers, body: response.body };
    };

    it.each([
      ['national ID (typed differently)', () => ({ nationalId: '7hx 2p9q' })],
      ['e-mail (in other case)', () => ({ email: first.email.toUpperCase() })],
      ['both', () => ({ nationalId: first.nationalId, email: first.email })],
    ])('%s → 409 naming both fields as unavailable, pointing to sign-in, changing nothing', async (_name, clash) => {
      const input = applicantInput(clash());
      const response = await expectDatabaseUnchanged(t.database.db, () => signUp(input));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('CONFLICT');
      expect(response.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
        ['nationalId', 'unavailable'],
        ['email', 'unavailable'],
      ]);
      expect(response.json().error.message).toMatch(/sign in/);
      expect(response.json().error.message).not.toMatch(/already exists|registered|taken/i);
      expect(response.cookies).toEqual([]);
    });

    it('answers a taken national ID exactly as a fresh one whose sign-up fails for its e-mail', async () => {
      // One e-mail and one national ID of the same person's shape: a taken ID with a fresh e-mail, and a
      // fresh ID with a taken e-mail, must look alike, so the answer cannot tell a visitor whether the ID is registered.
      const takenId = await signUp(applicantInput({ nationalId: first.nationalId }));
      const freshIdTakenEmail = await signUp(applicantInput({ nationalId: '3JK5L6M', email: first.email }));
      expect(visible(takenId)).toEqual(visible(freshIdTakenEmail));
      expect(await t.database.db.select().from(users).where(eq(users.nationalId, '3JK5L6M'))).toEqual([]);
    });

    it('lets exactly one of 10 simultaneous sign-ups with one e-mail through', async () => {
      const email = `race-${Date.now()}@example.az`;
      const responses = await Promise.all(Array.from({ length: 10 }, () => signUp(applicantInput({ email }))));
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
      for (const r of responses.filter((r) => r.statusCode === 409)) {
        expect(r.json().error.fields).toEqual([
          expect.objectContaining({ field: 'nationalId', code: 'unavailable' }),
          expect.objectContaining({ field: 'email', code: 'unavailable' }),
        ]);
      }
      expect(await t.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    });

    it('lets exactly one of 10 simultaneous sign-ups with one national ID through', async () => {
      const nationalId = '8QW3E4R';
      const responses = await Promise.all(Array.from({ length: 10 }, () => signUp(applicantInput({ nationalId }))));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
      for (const r of responses.filter((r) => r.statusCode === 409)) {
        expect(r.json().error.fields).toEqual([
          expect.objectContaining({ field: 'nationalId', code: 'unavailable' }),
          expect.objectContaining({ field: 'email', code: 'unavailable' }),
        ]);
      }
      const rows = await t.database.db.select().from(users).where(eq(users.nationalId, nationalId));
      expect(rows).toHaveLength(1);
      const signedUp = await auditOf('account.signed-up');
      expect(signedUp.filter((a) => a.targetId === rows[0]!.id)).toHaveLength(1);
    });
  });
});

describe('sign-in and sign-out', () => {
  let applicant: Awaited<ReturnType<typeof signUpApplicant>> & { nationalId: string };
  beforeAll(async () => {
    applicant = { ...(await signUpApplicant(t, { nationalId: '2ZX8C7V' })), nationalId: '2ZX8C7V' };
  });

  it.each([
    ['e-mail in any case', () => applicant.email.toUpperCase()],
    ['national ID in lower case', () => applicant.nationalId.toLowerCase()],
  ])('signs an applicant in by %s, straight to done', async (_name, login) => {
    const response = await signIn(login(), applicant.password);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ next: 'done', user: { id: applicant.id, email: applicant.email } });
    const cookie = sessionCookie(response, t.config);
    expect(await sessionRow(cookie)).toMatchObject({ userId: applicant.id, twoFactorVerified: true });
    const audit = (await auditOf('sign-in')).filter((a) => a.targetId === tokenOf(cookie).split('.')[0]);
    expect(audit).toEqual([expect.objectContaining({ actorId: applicant.id, targetType: 'session' })]);
  });

  it.each([
    ['a wrong password', () => applicant.email, 'not the password', () => applicant.id],
    ['an unknown account', () => 'nobody@example.az', 'correct horse battery', () => null],
  ])('refuses %s with 401 INVALID_CREDENTIALS and audits it', async (_name, login, password, actorId) => {
    const before = (await auditOf('sign-in.failed')).length;
    const sessionsBefore = (await t.database.db.select().from(sessions)).length;
    const response = await signIn(login(), password);
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'The sign-in details are not correct.',
    });
    expect(response.cookies).toEqual([]);
    const failed = await auditOf('sign-in.failed');
    expect(failed).toHaveLength(before + 1);
    expect(failed.at(-1)).toMatchObject({ actorId: actorId(), details: { login: login() }, ip: '127.0.0.1' });
    expect(await t.database.db.select().from(sessions)).toHaveLength(sessionsBefore);
  });

  it('ends the session on sign-out, clears the cookie and audits it', async () => {
    const cookie = await signInPassword(t, applicant.email, applicant.password);
    const response = await signOut(cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    const cleared = response.cookies.find((c) => c.name === 'imtahan_session');
    expect(cleared?.value).toBe('');
    expect(cleared!.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await sessionRow(cookie)).toBeUndefined();

    const again = await signOut(cookie);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('UNAUTHENTICATED');
    expect((await session(cookie)).json()).toEqual({ user: null, twoFactorVerified: false });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign-out'), eq(auditLog.actorId, applicant.id)));
    expect(audit).toHaveLength(1);
  });

  it('ends only the session signed out of', async () => {
    const one = await signInPassword(t, applicant.email, applicant.password);
    const two = await signInPassword(t, applicant.email, applicant.password);
    expect((await signOut(one)).statusCode).toBe(200);
    expect((await session(two)).json().user?.id).toBe(applicant.id);
  });
});

describe('session lifetime', () => {
  let email: string;
  let password: string;
  beforeAll(async () => {
    ({ email, password } = await signUpApplicant(t));
  });
  const alive = async (cookie: string) => (await session(cookie)).json().user !== null;

  it('ends a session left idle for SESSION_IDLE_MINUTES', async () => {
    const cookie = await signInPassword(t, email, password);
    t.clock.advance(IDLE_MS - 1000);
    const stillAlive = await signInPassword(t, email, password); // a twin, to show the limit is exact
    t.clock.advance(1000);
    expect(await alive(cookie)).toBe(false);
    expect(await sessionRow(cookie)).toBeUndefined();
    expect((await signOut(cookie)).statusCode).toBe(401);
    expect(await alive(stillAlive)).toBe(true);
  });

  it('slides the idle limit on activity', async () => {
    const cookie = await signInPassword(t, email, password);
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(IDLE_MS - 60_000);
      expect(await alive(cookie)).toBe(true);
    }
    expect((await sessionRow(cookie))!.lastVerifiedAt.getTime()).toBe(t.clock.read().getTime());
    t.clock.advance(IDLE_MS);
    expect(await alive(cookie)).toBe(false);
  });

  it('ends even an active session at SESSION_ABSOLUTE_HOURS', async () => {
    const cookie = await signInPassword(t, email, password);
    const start = t.clock.read().getTime();
    while (t.clock.read().getTime() + IDLE_MS / 2 < start + ABSOLUTE_MS) {
      t.clock.advance(IDLE_MS / 2);
      expect(await alive(cookie)).toBe(true);
    }
    t.clock.set(new Date(start + ABSOLUTE_MS - 1000));
    expect(await alive(cookie)).toBe(true);
    t.clock.advance(1000);
    expect(await alive(cookie)).toBe(false);
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it('rejects a token with the right id and a wrong secret, and leaves the real session alone', async () => {
    const cookie = await signInPassword(t, email, password);
    const [id] = tokenOf(cookie).split('.') as [string];
    const forged = cookieFor(t.config, `${id}.${randomToken()}`);
    expect((await session(forged)).json()).toEqual({ user: null, twoFactorVerified: false });
    expect((await signOut(forged)).statusCode).toBe(401);
    for (const junk of [id, `${id}.`, `${tokenOf(cookie)}.x`, tokenOf(cookie).toUpperCase(), 'x'.repeat(5000)]) {
      expect((await signOut(cookieFor(t.config, junk))).statusCode, junk.slice(0, 60)).toBe(401);
    }
    expect(await alive(cookie)).toBe(true);
  });
});

describe('staff two-factor sign-in (TOTP)', () => {
  const email = 'examiner.totp@example.az';
  const password = 'examiner password 1';
  let userId: string;
  let secret: string;

  beforeAll(async () => {
    const created = await t.services.users.createAccount(
      { id: null, ip: null },
      { fullName: 'Günel Həsənova', email, role: 'examiner', password },
    );
    userId = created.id;
  });

  const pending = async (expectedNext: string) => {
    const response = await signIn(email, password);
    expect(response.statusCode).toBe(200);
    expect(response.json().next).toBe(expectedNext);
    const cookie = sessionCookie(response, t.config);
    expect((await session(cookie)).json().twoFactorVerified).toBe(false);
    return cookie;
  };

  it('enrols at first sign-in: setup, a wrong code, then the right one', async () => {
    const cookie = await pending('two-factor-setup');

    const setup = await request(t.app, { method: 'POST', url: '/api/auth/two-factor/setup', cookie });
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(setup.json().uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/imtahan:${email}`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'imtahan',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(await userByEmail(email)).toMatchObject({ totpSecret: secret, totpEnabledAt: null });

    const wrongCode = String((Number(totpCode(t, secret)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/enable',
      cookie,
      payload: { code: wrongCode },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'invalid_code' })]);
    expect((await session(cookie)).json().twoFactorVerified).toBe(false);
    expect((await userByEmail(email))!.totpEnabledAt).toBeNull();

    const right = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/enable',
      cookie,
      payload: { code: totpCode(t, secret) },
    });
    expect(right.statusCode, right.body).toBe(200);
    // The session that passed only the password is replaced, not upgraded in place.
    const signedIn = sessionCookie(right, t.config);
    expect(signedIn).not.toBe(cookie);
    expect((await session(cookie)).json()).toEqual({ user: null, twoFactorVerified: false });
    expect(await sessionRow(cookie)).toBeUndefined();
    expect((await session(signedIn)).json()).toMatchObject({
      twoFactorVerified: true,
      user: { twoFactorEnabled: true },
    });
    expect((await userByEmail(email))!.totpEnabledAt).toEqual(t.clock.read());

    const again = await request(t.app, { method: 'POST', url: '/api/auth/two-factor/setup', cookie: signedIn });
    expect(again.statusCode).toBe(409);
    expect((await userByEmail(email))!.totpSecret).toBe(secret);
    const actions = (
      await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, userId)).orderBy(auditLog.id)
    ).map((a) => a.action);
    expect(actions).toEqual(['sign-in', 'two-factor.setup-started', 'two-factor.failed', 'two-factor.enabled']);
  });

  it('asks for a code at a later sign-in, and accepts the current one', async () => {
    t.clock.advance(30_000);
    const cookie = await pending('two-factor');
    const admin = await request(t.app, { method: 'GET', url: '/api/admin/audit', cookie });
    expect(admin.json().error.code).toBe('TWO_FACTOR_REQUIRED');
    const response = await verify(cookie, totpCode(t, secret));
    expect(response.statusCode, response.body).toBe(200);
    const signedIn = sessionCookie(response, t.config);
    expect((await session(signedIn)).json()).toMatchObject({ twoFactorVerified: true, user: { id: userId } });
  });

  it('replaces the pending session after the code: the cookie from before the second factor no longer works', async () => {
    t.clock.advance(30_000);
    const pendingCookie = await pending('two-factor');
    const pendingRow = await sessionRow(pendingCookie);
    const response = await verify(pendingCookie, totpCode(t, secret));
    expect(response.statusCode, response.body).toBe(200);
    const signedIn = sessionCookie(response, t.config);
    const [oldId] = tokenOf(pendingCookie).split('.') as [string];
    const [newId] = tokenOf(signedIn).split('.') as [string];
    expect(newId).not.toBe(oldId);
    expect(await sessionRow(pendingCookie)).toBeUndefined();
    expect(await sessionRow(signedIn)).toMatchObject({ userId, twoFactorVerified: true });
    expect(pendingRow).toMatchObject({ userId, twoFactorVerified: false });

    // The old cookie is anonymous now, everywhere: session, staff routes, even a second code.
    expect((await session(pendingCookie)).json()).toEqual({ user: null, twoFactorVerified: false });
    const staff = await request(t.app, { method: 'GET', url: '/api/admin/audit', cookie: pendingCookie });
    expect(staff.statusCode).toBe(401);
    t.clock.advance(30_000);
    expect((await verify(pendingCookie, totpCode(t, secret))).statusCode).toBe(401);
    expect((await signOut(pendingCookie)).statusCode).toBe(401);
    expect((await session(signedIn)).json().twoFactorVerified).toBe(true);

    const audit = (await auditOf('sign-in.two-factor')).at(-1);
    expect(audit).toMatchObject({ actorId: userId, targetType: 'session', targetId: newId });
  });

  it('refuses the same code twice, even on another session', async () => {
    t.clock.advance(30_000);
    const code = totpCode(t, secret);
    expect((await verify(await pending('two-factor'), code)).statusCode).toBe(200);
    const second = await pending('two-factor');
    const replay = await verify(second, code);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'invalid_code' })]);
    expect((await session(second)).json().twoFactorVerified).toBe(false);
  });

  it('lets exactly one of two simultaneous uses of a code through', async () => {
    t.clock.advance(30_000);
    const code = totpCode(t, secret);
    const [a, b] = [await pending('two-factor'), await pending('two-factor')];
    const statuses = (await Promise.all([verify(a, code), verify(b, code)])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 400]);
  });

  it('accepts codes one step either side of now, and refuses two steps', async () => {
    t.clock.advance(10 * 60_000);
    expect((await verify(await pending('two-factor'), totpCode(t, secret, -30_000))).statusCode).toBe(200);
    expect((await verify(await pending('two-factor'), totpCode(t, secret, 30_000))).statusCode).toBe(200);

    t.clock.advance(10 * 60_000);
    const cookie = await pending('two-factor');
    for (const offset of [-60_000, 60_000]) {
      const response = await verify(cookie, totpCode(t, secret, offset));
      expect(response.statusCode, `offset ${offset}`).toBe(400);
    }
    expect((await session(cookie)).json().twoFactorVerified).toBe(false);
    // The same session and secret do work with the current code: the refusals were about the skew.
    expect((await verify(cookie, totpCode(t, secret))).statusCode).toBe(200);
  });

  it('rejects a code for an account that has not set two-factor up', async () => {
    const applicant = await signUpApplicant(t);
    const response = await verify(applicant.cookie, '123456');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'no_setup' })]);
  });
});

describe('rate limiting', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => limited.close());

  const attempt = (url: string, payload: object, remoteAddress: string) =>
    request(limited.app, { method: 'POST', url, payload, remoteAddress });

  it('refuses the 4th sign-in attempt from one address with 429 and writes nothing for it', async () => {
    const login = { login: 'someone@example.az', password: 'wrong password' };
    for (let i = 0; i < 3; i += 1)
      expect((await attempt('/api/auth/sign-in', login, '203.0.113.7')).statusCode).toBe(401);
    const fourth = await expectDatabaseUnchanged(limited.database.db, () =>
      attempt('/api/auth/sign-in', login, '203.0.113.7'),
    );
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('RATE_LIMITED');
    expect(fourth.headers['retry-after']).toBeDefined();
    // Another address is counted on its own.
    expect((await attempt('/api/auth/sign-in', login, '203.0.113.8')).statusCode).toBe(401);
  });

  it('limits sign-up the same way', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await attempt('/api/auth/sign-up', {}, '198.51.100.1')).statusCode).toBe(400);
    const input = applicantInput();
    const fourth = await expectDatabaseUnchanged(limited.database.db, () =>
      attempt('/api/auth/sign-up', input, '198.51.100.1'),
    );
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('RATE_LIMITED');
    expect(await limited.database.db.select().from(users).where(eq(users.email, input.email))).toEqual([]);
  });
});
