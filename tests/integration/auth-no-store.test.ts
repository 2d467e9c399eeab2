import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAs } from '../factories/calls';
import { applicantInput, signInStaff, signUpApplicant, type SignedIn } from '../factories/users';
import { createTestApp, request, sessionCookie, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

let t: TestApp;
let applicant: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  applicant = await signUpApplicant(t);
  admin = await signInStaff(t, 'administrator');
});
afterAll(() => t.close());

const get = (url: string, cookie?: string) => request(t.app, { method: 'GET', url, cookie });

describe('Cache-Control on API answers', () => {
  it('is no-store on every route that needs a session, refused or answered', async () => {
    const routes = t.app.apiRoutes.filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const url = route.url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await request(t.app, { method: route.method as 'GET', url });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['cache-control'], `${route.method} ${route.url}`).toBe('no-store');
    }
  });

  it.each([
    ['an applicant’s own notice', '/api/auth/notice', () => applicant.cookie],
    ['the account list', '/api/admin/users', () => admin.cookie],
    ['the audit log', '/api/admin/audit', () => admin.cookie],
    ['an applicant’s bookings', '/api/bookings', () => applicant.cookie],
  ])('is no-store on %s', async (_name, url, cookie) => {
    const response = await get(url, cookie());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('is no-store on the sign-in family: session, sign-in (right or wrong), sign-out, sign-up', async () => {
    for (const cookie of [undefined, applicant.cookie]) {
      expect((await get('/api/auth/session', cookie)).headers['cache-control']).toBe('no-store');
    }
    const right = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: applicant.email, password: applicant.password },
    });
    expect(right.statusCode).toBe(200);
    expect(right.headers['cache-control']).toBe('no-store');
    const wrong = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: applicant.email, password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['cache-control']).toBe('no-store');
    const out = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-out',
      cookie: sessionCookie(right, t.config),
    });
    expect(out.statusCode).toBe(200);
    expect(out.headers['cache-control']).toBe('no-store');
    const signUp = await signUpResponse();
    expect(signUp.statusCode).toBe(201);
    expect(signUp.headers['cache-control']).toBe('no-store');
  });

  it('leaves public answers their own caching, whoever asks', async () => {
    for (const cookie of [undefined, applicant.cookie]) {
      const register = await get('/api/register/appointments', cookie);
      expect(register.statusCode).toBe(200);
      expect(register.headers['cache-control']).toBe('no-cache');
      const checkpoint = await get('/log/checkpoint', cookie);
      expect(checkpoint.headers['cache-control']).not.toBe('no-store');
    }
  });
});

function signUpResponse() {
  return request(t.app, { method: 'POST', url: '/api/auth/sign-up', payload: applicantInput() });
}

/** An administrator creates examiner Leyla Əliyeva with this e-mail and password. */
function createExaminer(email: string, password: string) {
  return postAs(t, admin, '/api/admin/users', { fullName: 'Leyla Əliyeva', email, role: 'examiner', password });
}

describe('passwords set by an administrator', () => {
  it('refuses a common password for a new account by field, and creates nothing', async () => {
    const response = await expectDatabaseUnchanged(t.database.db, () =>
      createExaminer('leyla@example.az', 'password1234'),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ field: 'password', code: 'too_common' })]);
  });

  it('refuses a password built on the account’s own e-mail', async () => {
    const response = await createExaminer('leyla.aliyeva@example.az', 'leylaaliyeva1');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('accepts a strong one', async () => {
    const response = await createExaminer('leyla.strong@example.az', 'quiet river lantern');
    expect(response.statusCode, response.body).toBe(201);
  });
});
