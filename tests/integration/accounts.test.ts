import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outboxMails, passwordResets, sessions, users } from '../../db/schema/index';
import { RESET_LINK_MINUTES, RESET_LINKS_PER_HOUR } from '../../server/modules/auth/account.service';
import type { MailTransport } from '../../server/modules/mail/transport';
import { openSession } from '../factories/sessions';
import { signInPassword, signInStaff, signUpApplicant, totpCode, type SignedIn } from '../factories/users';
import { request, sessionCookie, type TestApp } from '../helpers/app';
import { mailSuite } from '../helpers/mail-suite';
import type { TestSmtp } from '../helpers/smtp';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

let t: TestApp, smtp: TestSmtp, transport: MailTransport;
let admin: SignedIn;
mailSuite({ PUBLIC_URL: 'https://exams.example.gov' }, (suite) => ({ t, smtp, transport } = suite));
beforeAll(async () => {
  admin = await signInStaff(t, 'administrator');
});
beforeEach(() => {
  smtp.received.length = 0;
});

const post = (url: string, payload?: object, cookie?: string) =>
  request(t.app, { method: 'POST', url, ...(cookie ? { cookie } : {}), ...(payload ? { payload } : {}) });
const get = (url: string, cookie?: string) => request(t.app, { method: 'GET', url, ...(cookie ? { cookie } : {}) });
const whoAmI = async (cookie: string) => (await get('/api/auth/notice', cookie)).statusCode;
const signIn = (login: string, password: string) => post('/api/auth/sign-in', { login, password });
const auditsOf = (action: string, targetId: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
const sessionCount = async (userId: string) =>
  (await t.database.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

/** Sends what the outbox holds through the real SMTP server, and returns the reset links that arrived for `to`. */
async function resetLinksTo(to: string): Promise<string[]> {
  await t.services.outbox.sendDue(transport);
  return smtp.received
    .filter((m) => m.to.includes(to))
    .map((m) => /https:\/\/exams\.example\.gov\/reset-password\/([a-z2-9]{24})/.exec(m.text)?.[1] ?? 'no link');
}

describe('changing one’s password', () => {
  it('needs the current password, keeps this session, ends the others, and is audited', async () => {
    const holder = await signUpApplicant(t);
    const other = await openSession(t, holder.id);
    const response = await post(
      '/api/account/password',
      { currentPassword: holder.password, newPassword: 'a brand new passphrase' },
      holder.cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true, otherSessionsEnded: 1 });
    expect(await whoAmI(holder.cookie)).toBe(200);
    expect(await whoAmI(other)).toBe(401);
    expect((await signIn(holder.email, holder.password)).statusCode).toBe(401);
    expect((await signIn(holder.email, 'a brand new passphrase')).statusCode).toBe(200);
    expect(await auditsOf('account.password-changed', holder.id)).toEqual([
      expect.objectContaining({ actorId: holder.id, details: { otherSessionsEnded: 1, wasInitial: false } }),
    ]);
  });

  it('refuses a wrong current password, a weak or unchanged new one, naming the field, and changes nothing', async () => {
    const holder = await signUpApplicant(t);
    const cases: [object, string, string][] = [
      [{ currentPassword: 'not my password', newPassword: 'a brand new passphrase' }, 'currentPassword', 'incorrect'],
      [{ currentPassword: holder.password, newPassword: 'password123' }, 'newPassword', expect.any(String)],
      [{ currentPassword: holder.password, newPassword: holder.password }, 'newPassword', 'unchanged'],
      [{ currentPassword: holder.password, newPassword: 'short' }, 'newPassword', expect.any(String)],
      [{ currentPassword: holder.password }, 'newPassword', expect.any(String)],
      [
        { currentPassword: holder.password, newPassword: 'a brand new passphrase', extra: 1 },
        'extra',
        expect.any(String),
      ],
    ];
    for (const [payload, field, code] of cases) {
      const [before] = await t.database.db.select().from(users).where(eq(users.id, holder.id));
      const response = await post('/api/account/password', payload, holder.cookie);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.fields[0]).toMatchObject({ field, code });
      const [after] = await t.database.db.select().from(users).where(eq(users.id, holder.id));
      expect(after!.passwordHash).toBe(before!.passwordHash);
    }
  });

  it('counts wrong current passwords against the sign-in lock-out', async () => {
    const holder = await signUpApplicant(t);
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (
        await post(
          '/api/account/password',
          { currentPassword: `wrong guess ${i}`, newPassword: 'a brand new passphrase' },
          holder.cookie,
        )
      ).statusCode;
    }
    expect(last).toBe(429);
    expect((await signIn(holder.email, holder.password)).statusCode).toBe(429);
  });
});

describe('signing out other sessions', () => {
  it('ends every other session of the account, only of this account, and keeps this one', async () => {
    const holder = await signUpApplicant(t);
    const bystander = await signUpApplicant(t);
    const others = [await openSession(t, holder.id), await openSession(t, holder.id)];
    const response = await post('/api/account/sessions/sign-out-others', undefined, holder.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ended: 2 });
    for (const cookie of others) expect(await whoAmI(cookie)).toBe(401);
    expect(await whoAmI(holder.cookie)).toBe(200);
    expect(await whoAmI(bystander.cookie)).toBe(200);
    expect(await auditsOf('account.other-sessions-ended', holder.id)).toHaveLength(1);
  });
});

describe('a forgotten password', () => {
  it('sends a single-use link in the holder’s language; using it sets the password and ends every session', async () => {
    const holder = await signUpApplicant(t, { locale: 'ru' });
    const response = await post('/api/auth/password-reset/request', { email: holder.email.toUpperCase() });
    expect(response.statusCode, response.body).toBe(202);
    const [token] = await resetLinksTo(holder.email);
    expect(smtp.received[0]!.subject).toBe('Восстановление пароля');
    // Only a hash is kept: the token itself is nowhere in the database once the mail is sent.
    const [stored] = await t.database.db.select().from(passwordResets).where(eq(passwordResets.userId, holder.id));
    expect(Buffer.from(stored!.tokenHash).toString('hex')).not.toContain(token);
    const mails = await t.database.db.select().from(outboxMails).where(eq(outboxMails.userId, holder.id));
    expect(mails.map((m) => m.body)).toEqual(['']);

    expect((await get(`/api/auth/password-reset/${token}`)).json()).toEqual({ valid: true });
    const reset = await post('/api/auth/password-reset', { token, password: 'my recovered passphrase' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await whoAmI(holder.cookie)).toBe(401);
    expect((await signIn(holder.email, 'my recovered passphrase')).statusCode).toBe(200);
    expect(await auditsOf('password-reset.completed', holder.id)).toHaveLength(1);

    // Once used, the link is dead.
    expect((await get(`/api/auth/password-reset/${token}`)).json()).toEqual({ valid: false });
    const again = await post('/api/auth/password-reset', { token, password: 'another recovered one' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ field: 'token', code: 'invalid_link' });
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const known = await signUpApplicant(t);
    const forKnown = await post('/api/auth/password-reset/request', { email: known.email });
    const forUnknown = await post('/api/auth/password-reset/request', { email: 'nobody-here@example.az' });
    expect([forKnown.statusCode, forKnown.body]).toEqual([forUnknown.statusCode, forUnknown.body]);
    await t.services.outbox.sendDue(transport);
    expect(smtp.received.map((m) => m.to)).toEqual([[known.email]]);
  });

  it('expires the link after its time', async () => {
    const holder = await signUpApplicant(t);
    await post('/api/auth/password-reset/request', { email: holder.email });
    const [token] = await resetLinksTo(holder.email);
    t.clock.advance(RESET_LINK_MINUTES * 60_000);
    const late = await post('/api/auth/password-reset', { token, password: 'too late passphrase' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields[0]).toMatchObject({ field: 'token', code: 'invalid_link' });
    expect((await signIn(holder.email, holder.password)).statusCode).toBe(200);
  });

  it(`sends at most ${RESET_LINKS_PER_HOUR} links an hour to one account`, async () => {
    const holder = await signUpApplicant(t);
    for (let i = 0; i <= RESET_LINKS_PER_HOUR; i++) {
      expect((await post('/api/auth/password-reset/request', { email: holder.email })).statusCode).toBe(202);
    }
    expect(await resetLinksTo(holder.email)).toHaveLength(RESET_LINKS_PER_HOUR);
    expect(await auditsOf('password-reset.throttled', holder.id)).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous uses of one link through', async () => {
    const holder = await signUpApplicant(t);
    await post('/api/auth/password-reset/request', { email: holder.email });
    const [token] = await resetLinksTo(holder.email);
    const responses = await Promise.all([
      post('/api/auth/password-reset', { token, password: 'first racer passphrase' }),
      post('/api/auth/password-reset', { token, password: 'second racer passphrase' }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const winner = responses[0]!.statusCode === 200 ? 'first racer passphrase' : 'second racer passphrase';
    expect((await signIn(holder.email, winner)).statusCode).toBe(200);
    expect(await auditsOf('password-reset.completed', holder.id)).toHaveLength(1);
  });

  it('refuses a weak new password, a malformed token or address, naming the field, and changes nothing', async () => {
    const holder = await signUpApplicant(t);
    await post('/api/auth/password-reset/request', { email: holder.email });
    const [token] = await resetLinksTo(holder.email);
    const cases: [string, object, string][] = [
      ['/api/auth/password-reset', { token, password: 'password123' }, 'password'],
      ['/api/auth/password-reset', { token: 'not-a-token', password: 'a fine passphrase here' }, 'token'],
      ['/api/auth/password-reset', { token }, 'password'],
      ['/api/auth/password-reset/request', { email: 'not an address' }, 'email'],
      ['/api/auth/password-reset/request', {}, 'email'],
    ];
    for (const [url, payload, field] of cases) {
      const response = await expectDatabaseUnchanged(t.database.db, () => post(url, payload));
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error.fields[0].field).toBe(field);
    }
    expect((await get('/api/auth/password-reset/NOT_A_TOKEN')).statusCode).toBe(400);
    // The link still works after the refusals.
    expect((await get(`/api/auth/password-reset/${token}`)).json()).toEqual({ valid: true });
  });
});

describe('disabling an account', () => {
  it('ends its sessions at once, refuses its sign-in with a clear code, and enabling lets it back', async () => {
    const holder = await signUpApplicant(t);
    const disabled = await post(`/api/admin/users/${holder.id}/disable`, { reason: 'left the service' }, admin.cookie);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().disabledAt).toEqual(expect.any(String));
    expect(await whoAmI(holder.cookie)).toBe(401);
    expect(await sessionCount(holder.id)).toBe(0);

    const refused = await signIn(holder.email, holder.password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');
    // A wrong password learns nothing about the account's state.
    expect((await signIn(holder.email, 'a wrong password')).json().error.code).toBe('INVALID_CREDENTIALS');
    // Nor does a disabled account get reset links.
    await post('/api/auth/password-reset/request', { email: holder.email });
    expect(await resetLinksTo(holder.email)).toEqual([]);

    const enabled = await post(`/api/admin/users/${holder.id}/enable`, undefined, admin.cookie);
    expect(enabled.json().disabledAt).toBeNull();
    expect((await signIn(holder.email, holder.password)).statusCode).toBe(200);
    expect(await auditsOf('account.disabled', holder.id)).toEqual([
      expect.objectContaining({ actorId: admin.id, details: { reason: 'left the service' } }),
    ]);
    expect(await auditsOf('account.enabled', holder.id)).toHaveLength(1);
  });

  it('refuses to disable one’s own account or the last enabled administrator', async () => {
    const self = await post(`/api/admin/users/${admin.id}/disable`, { reason: 'testing myself' }, admin.cookie);
    expect(self.statusCode).toBe(403);
    const second = await signInStaff(t, 'administrator');
    // Disabling the first leaves the second as the last enabled administrator…
    expect((await post(`/api/admin/users/${admin.id}/disable`, { reason: 'handover' }, second.cookie)).statusCode).toBe(
      200,
    );
    const other = await signInStaff(t, 'administrator');
    expect((await post(`/api/admin/users/${other.id}/disable`, { reason: 'again' }, second.cookie)).statusCode).toBe(
      200,
    );
    // …and the last one cannot go, not even through a role change.
    const third = await openSession(t, second.id);
    const demote = await request(t.app, {
      method: 'PATCH',
      url: `/api/admin/users/${second.id}`,
      cookie: third,
      payload: { role: 'examiner' },
    });
    expect(demote.statusCode).toBe(403);
    expect((await post(`/api/admin/users/${admin.id}/enable`, undefined, second.cookie)).statusCode).toBe(200);
    admin = { ...admin, cookie: await openSession(t, admin.id) };
  });

  it('refuses a missing or blank reason and an unknown account, changing nothing', async () => {
    const holder = await signUpApplicant(t);
    for (const payload of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 12 }]) {
      const response = await expectDatabaseUnchanged(t.database.db, () =>
        post(`/api/admin/users/${holder.id}/disable`, payload, admin.cookie),
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.fields[0].field).toBe('reason');
    }
    const unknown = await post(
      '/api/admin/users/00000000-0000-4000-8000-000000000000/disable',
      { reason: 'who?' },
      admin.cookie,
    );
    expect(unknown.statusCode).toBe(404);
    expect((await post('/api/admin/users/not-a-uuid/enable', undefined, admin.cookie)).statusCode).toBe(400);
  });
});

describe("resetting a staff member's two-factor", () => {
  it('ends their sessions, and their next sign-in enrols a new factor', async () => {
    const examiner = await signInStaff(t, 'examiner');
    const response = await post(`/api/admin/users/${examiner.id}/two-factor/reset`, undefined, admin.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().twoFactorEnabled).toBe(false);
    expect(await whoAmI(examiner.cookie)).toBe(401);
    expect((await signIn(examiner.email, examiner.password)).json().next).toBe('two-factor-setup');
    // The old authenticator's codes are worth nothing now.
    const pending = await signInPassword(t, examiner.email, examiner.password);
    const verify = await post('/api/auth/two-factor/verify', { code: totpCode(t, examiner.totpSecret) }, pending);
    expect(verify.statusCode).toBe(400);
    expect(await auditsOf('account.two-factor-reset', examiner.id)).toEqual([
      expect.objectContaining({ actorId: admin.id, details: { wasEnabled: true } }),
    ]);
  });

  it('refuses an applicant (no two-factor) and one’s own, changing nothing', async () => {
    const applicant = await signUpApplicant(t);
    const notStaff = await expectDatabaseUnchanged(t.database.db, () =>
      post(`/api/admin/users/${applicant.id}/two-factor/reset`, undefined, admin.cookie),
    );
    expect(notStaff.statusCode).toBe(409);
    const own = await post(`/api/admin/users/${admin.id}/two-factor/reset`, undefined, admin.cookie);
    expect(own.statusCode).toBe(403);
  });
});

describe('an initial password set by an administrator', () => {
  it('must be changed at first sign-in: every other call is refused with a clear code until then', async () => {
    const created = await post(
      '/api/admin/users',
      {
        fullName: 'Rəşad Əliyev',
        email: 'reshad.initial@example.az',
        role: 'examiner',
        password: 'typed by the admin 1',
      },
      admin.cookie,
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);

    // Two-factor first (the change needs a fully signed-in session), then the password.
    const pending = await signInPassword(t, 'reshad.initial@example.az', 'typed by the admin 1');
    const setup = await post('/api/auth/two-factor/setup', undefined, pending);
    const enable = await post('/api/auth/two-factor/enable', { code: totpCode(t, setup.json().secret) }, pending);
    const cookie = sessionCookie(enable, t.config);
    t.clock.advance(30_000);
    expect((await get('/api/auth/session', cookie)).json().user.mustChangePassword).toBe(true);
    const blocked = await get('/api/questions', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await get('/api/auth/notice', cookie)).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await post(
      '/api/account/password',
      { currentPassword: 'typed by the admin 1', newPassword: 'my own examiner passphrase' },
      cookie,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get('/api/auth/session', cookie)).json().user.mustChangePassword).toBe(false);
    expect((await get('/api/auth/notice', cookie)).statusCode).toBe(200);
    expect(await auditsOf('account.password-changed', created.json().id)).toEqual([
      expect.objectContaining({ details: { otherSessionsEnded: 0, wasInitial: true } }),
    ]);
  });
});
