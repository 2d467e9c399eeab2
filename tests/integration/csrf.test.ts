import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantInput, signUpApplicant, type SignedIn } from '../factories/users';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

let t: TestApp;
let applicant: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  applicant = await signUpApplicant(t);
});
afterAll(() => t.close());

/** A raw request: unlike the `request` helper, it adds no Origin header of its own. */
const send = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const signOut = (headers: Record<string, string>) =>
  send('POST', '/api/auth/sign-out', { cookie: applicant.cookie, ...headers });

const signIn = (headers: Record<string, string>) =>
  send('POST', '/api/auth/sign-in', headers, { login: applicant.email, password: applicant.password });

describe('CSRF protection of mutating API requests', () => {
  it.each([
    ['no Origin at all', {}],
    ['Origin: null (sandboxed or opaque)', { origin: 'null' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['an Origin that only looks like ours', { origin: 'http://localhost:3000.evil.example' }],
    ['our Origin on another scheme', { origin: 'https://localhost:3000' }],
    ['a malformed Origin', { origin: 'not a url' }],
    ['Sec-Fetch-Site: cross-site, even with our Origin', { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }],
    [
      'Sec-Fetch-Site: same-site (a sibling subdomain), even with our Origin',
      { origin: ORIGIN, 'sec-fetch-site': 'same-site' },
    ],
  ])('refuses %s with 403 CSRF_REJECTED and changes nothing', async (_name, headers) => {
    const response = await expectDatabaseUnchanged(t.database.db, () => signOut(headers));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
    expect(response.cookies).toEqual([]);
  });

  it('refuses a cross-site sign-up and creates no user', async () => {
    const response = await expectDatabaseUnchanged(t.database.db, () =>
      send(
        'POST',
        '/api/auth/sign-up',
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        applicantInput(),
      ),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
  });

  it('checks the origin before anything else: an anonymous cross-site request to an admin route is a CSRF refusal', async () => {
    const response = await send('POST', '/api/admin/users', { origin: 'https://evil.example' }, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
  });

  it('accepts Sec-Fetch-Site: same-origin', async () => {
    const response = await signIn({ 'sec-fetch-site': 'same-origin' });
    expect(response.statusCode).toBe(200);
  });

  it('accepts a configured origin', async () => {
    const response = await signIn({ origin: ORIGIN });
    expect(response.statusCode).toBe(200);
  });

  it('accepts an Origin that matches the Host header', async () => {
    const response = await signIn({ host: 'exams.example.az', origin: 'https://exams.example.az' });
    expect(response.statusCode).toBe(200);
  });

  it('falls back to the Origin when Sec-Fetch-Site says none', async () => {
    const ok = await signIn({ 'sec-fetch-site': 'none', origin: ORIGIN });
    expect(ok.statusCode).toBe(200);
    const refused = await signIn({ 'sec-fetch-site': 'none' });
    expect(refused.statusCode).toBe(403);
  });

  it('leaves safe methods alone: GET without Origin, even cross-site', async () => {
    const plain = await send('GET', '/api/auth/session', { cookie: applicant.cookie });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().user.id).toBe(applicant.id);
    const crossSite = await send('GET', '/api/meta', {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(200);
  });

  it('still lets the refused session work from our own pages', async () => {
    const response = await signOut({ origin: ORIGIN });
    expect(response.statusCode).toBe(200);
  });
});
