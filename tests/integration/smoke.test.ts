import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { signInStaff, signUpApplicant } from '../factories/users';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('health', async () => {
    const r = await request(t.app, { method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json().database.ok).toBe(true);
  });
  it('applicant and staff', async () => {
    const a = await signUpApplicant(t);
    const s = await request(t.app, { method: 'GET', url: '/api/auth/session', cookie: a.cookie });
    expect(s.json().user.email).toBe(a.email);
    const admin = await signInStaff(t, 'administrator');
    const list = await request(t.app, { method: 'GET', url: '/api/admin/users', cookie: admin.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
  });
});
