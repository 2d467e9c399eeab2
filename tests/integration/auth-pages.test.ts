import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantInput } from '../factories/users';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * The pages' side of sign-in and sign-out, through the real server (API and SvelteKit in one process):
 * where a sign-in may send the browser, who may sign a session out, and what caches may keep.
 */
let server: RunningServer;
let applicant: ReturnType<typeof applicantInput>;

beforeAll(async () => {
  server = await startServer({ DEMO: 'false' });
  applicant = applicantInput();
  const response = await api('POST', '/api/auth/sign-up', applicant);
  expect(response.status, await response.clone().text()).toBe(201);
}, 180_000);
afterAll(() => server?.stop());

function api(method: string, path: string, body?: object, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      origin: server.url,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    redirect: 'manual',
  });
}

/** Signs in through the sign-in page's form, as a browser without JavaScript does. */
async function signInByForm(redirectTo: string | null) {
  const query = redirectTo === null ? '' : `?redirectTo=${redirectTo}`;
  return fetch(`${server.url}/sign-in${query}`, {
    method: 'POST',
    // Accept: text/html is what makes SvelteKit answer a plain form post with a redirect, not JSON for `enhance`.
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ login: applicant.email, password: applicant.password }),
    redirect: 'manual',
  });
}

function cookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('imtahan_session=') && !c.startsWith('imtahan_session=;'));
  if (!cookie) throw new Error(`no session cookie (${response.status})`);
  return cookie.split(';')[0]!;
}

async function signedInAs(cookie: string): Promise<string | null> {
  const response = await api('GET', '/api/auth/session', undefined, cookie);
  return ((await response.json()) as { user: { email: string } | null }).user?.email ?? null;
}

describe('where sign-in sends the browser', () => {
  it.each([
    // The reported bug: the tab is dropped by the browser, leaving //evil.example/x.
    ['/%09/evil.example/x', '/account'],
    ['/%0D%0A/evil.example/x', '/account'],
    ['//evil.example/x', '/account'],
    ['/%5Cevil.example/x', '/account'],
    ['https://evil.example/x', '/account'],
    ['/%2509/evil.example/x', '/account'],
    ['%2Fregister', '/register'],
    ['/register%3Fq%3Dx', '/register?q=x'],
  ])('redirectTo=%s ends at %s on this site', async (redirectTo, expected) => {
    const response = await signInByForm(redirectTo);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(expected);
    expect(new URL(response.headers.get('location')!, server.url).origin).toBe(new URL(server.url).origin);
  });

  it('sends a signed-in visitor of /sign-in?redirectTo=… to the account page, not away', async () => {
    const cookie = cookieOf(await signInByForm(null));
    const response = await fetch(`${server.url}/sign-in?redirectTo=/%09/evil.example/x`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account');
  });
});

describe('POST /sign-out', () => {
  const signOut = (cookie: string, headers: Record<string, string>, body?: string) =>
    fetch(`${server.url}/sign-out`, { method: 'POST', headers: { cookie, ...headers }, body, redirect: 'manual' });

  it.each([
    [
      'a foreign Origin with a form body',
      { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      '',
    ],
    ['a foreign Origin and no body (SvelteKit checks only form bodies)', { origin: 'http://evil.example' }, undefined],
    ['a foreign Origin with a JSON body', { origin: 'http://evil.example', 'content-type': 'application/json' }, '{}'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, undefined],
  ])('refuses %s with 403 and the session lives on', async (_name, headers, body) => {
    const cookie = cookieOf(await signInByForm(null));
    const response = await signOut(cookie, headers, body);
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().filter((c) => c.startsWith('imtahan_session='))).toEqual([]);
    expect(await signedInAs(cookie)).toBe(applicant.email);
  });

  it('signs out a same-origin form post', async () => {
    const cookie = cookieOf(await signInByForm(null));
    const response = await signOut(
      cookie,
      {
        origin: server.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      '',
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?signedOut=1');
    expect(await signedInAs(cookie)).toBeNull();
  });
});

describe('caching', () => {
  it('sends Cache-Control: no-store with every page rendered for a signed-in person, and with their page data', async () => {
    const cookie = cookieOf(await signInByForm(null));
    for (const path of ['/account', '/', '/register', '/account/__data.json']) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      if (path === '/account') expect(await response.text()).toContain(applicant.fullName);
    }
  });

  it('sends no-store with the sign-in answer that sets the cookie', async () => {
    const response = await signInByForm(null);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves public pages and the log cacheable for anonymous visitors', async () => {
    for (const path of ['/', '/register']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control') ?? '', path).not.toContain('no-store');
    }
    // A public API answer keeps the caching its route chose, even for a visitor with a session.
    const cookie = cookieOf(await signInByForm(null));
    for (const headers of [{}, { cookie }] as Record<string, string>[]) {
      const register = await fetch(`${server.url}/api/register/appointments`, { headers });
      expect(register.status).toBe(200);
      expect(register.headers.get('cache-control')).toBe('no-cache');
    }
  });
});
