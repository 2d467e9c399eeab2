import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index';
import type { DemoAccountView } from '../../server/api-types';
import { DEMO_ACCOUNTS } from '../../server/modules/demo/demo.accounts';
import { createTestApp, request, sessionCookie, type TestApp } from '../helpers/app';

describe('a demo installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'true' });
  });
  afterAll(() => t.close());

  it('is not seeded until seed() runs, then is', async () => {
    expect(await t.services.demo.isSeeded()).toBe(false);
    await t.services.demo.seed();
    expect(await t.services.demo.isSeeded()).toBe(true);
  });

  it('holds every demo account with its role, and two-factor enrolled for staff only', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await t.database.db.select().from(users).where(eq(users.email, account.email));
      expect(row, account.email).toMatchObject({ role: account.role, fullName: account.fullName });
      if (account.role === 'applicant') {
        expect(row!.totpEnabledAt).toBeNull();
        expect(row).toMatchObject({ nationalIdScheme: account.nationalIdScheme, nationalId: account.nationalId });
      } else {
        expect(row!.totpEnabledAt).not.toBeNull();
        expect(row!.totpSecret).toMatch(/^[A-Z2-7]+$/);
      }
    }
    expect(await t.database.db.select().from(users)).toHaveLength(DEMO_ACCOUNTS.length);
  });

  it('says so in /api/meta', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/meta' });
    expect(response.statusCode).toBe(200);
    expect(response.json().demo).toBe(true);
  });

  it('lists the demo accounts with a current code, uncached', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/demo/accounts' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const accounts = response.json() as DemoAccountView[];
    expect(accounts.map((a) => [a.email, a.role, a.password])).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.password]),
    );
    for (const account of accounts) {
      if (account.role === 'applicant') {
        expect(account).toMatchObject({ totpSecret: null, currentCode: null });
      } else {
        expect(account.currentCode, account.email).toMatch(/^\d{6}$/);
        const [row] = await t.database.db.select().from(users).where(eq(users.email, account.email));
        expect(account.totpSecret).toBe(row!.totpSecret);
      }
    }
  });

  it('shows a code that completes a staff sign-in right after seeding', async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'administrator')!;
    const signIn = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: admin.email, password: admin.password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().next).toBe('two-factor');
    const cookie = sessionCookie(signIn, t.config);

    const accounts = (await request(t.app, { method: 'GET', url: '/api/demo/accounts' })).json() as DemoAccountView[];
    const code = accounts.find((a) => a.email === admin.email)!.currentCode!;
    const verify = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie,
      payload: { code },
    });
    expect(verify.statusCode, verify.body).toBe(200);
    // The second factor replaces the session, so the staff pages are reached with the new cookie.
    const audit = await request(t.app, {
      method: 'GET',
      url: '/api/admin/audit',
      cookie: sessionCookie(verify, t.config),
    });
    expect(audit.statusCode).toBe(200);

    // A second sign-in within the same half-minute: the used code is not shown again, the next one is.
    const again = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: admin.email, password: admin.password },
    });
    const second = (await request(t.app, { method: 'GET', url: '/api/demo/accounts' })).json() as DemoAccountView[];
    const nextCode = second.find((a) => a.email === admin.email)!.currentCode!;
    expect(nextCode).not.toBe(code);
    const replay = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie: sessionCookie(again, t.config),
      payload: { code },
    });
    expect(replay.statusCode).toBe(400);
    const verified = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie: sessionCookie(again, t.config),
      payload: { code: nextCode },
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('lets the demo applicants sign in with the listed passwords', async () => {
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'applicant')) {
      const response = await request(t.app, {
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { login: account.email, password: account.password },
      });
      expect(response.statusCode, account.email).toBe(200);
      expect(response.json().next).toBe('done');
    }
  });
});

describe('a real installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'false' });
  });
  afterAll(() => t.close());

  it('has no demo accounts route and says demo false', async () => {
    const accounts = await request(t.app, { method: 'GET', url: '/api/demo/accounts' });
    expect(accounts.statusCode).toBe(404);
    expect(accounts.json().error.code).toBe('NOT_FOUND');
    expect(t.app.apiRoutes.some((r) => r.url.startsWith('/api/demo'))).toBe(false);
    const meta = await request(t.app, { method: 'GET', url: '/api/meta' });
    expect(meta.json().demo).toBe(false);
    expect(await t.services.demo.isSeeded()).toBe(false);
  });
});
