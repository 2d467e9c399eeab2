import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/messages/en.json';
import ru from '../../web/messages/ru.json';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * Page forms pass text on to the API. A NUL typed or pasted into one used to come back as the API's
 * 500, shown as "the service is unavailable"; it is the field's error, in the reader's language.
 * The real server (pages and API in one process, on a copy of the browser suite's demo) is driven with plain
 * form posts, as a browser without JavaScript sends them.
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A cookie jar of one: the session cookie the server last set. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly language: string,
  ) {}

  async fetch(path: string, init: { form?: Record<string, string> } = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method: init.form ? 'POST' : 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: {
        accept: 'text/html',
        // Plain bodies: what is tested here is the form, not the transfer encoding.
        'accept-encoding': 'identity',
        'accept-language': this.language,
        origin: this.base,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }
}

/** The message as the page prints it: HTML-escaped. */
const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe('a NUL in a page form', () => {
  it('sign-up: the full name’s error, in English, and no account', async () => {
    const browser = new Browser(server.url, 'en');
    const signUp = (fullName: string) =>
      browser.fetch('/sign-up', {
        form: {
          nationalIdScheme: 'AZ_FIN',
          nationalId: '7QK2M3N',
          fullName,
          email: 'nul.sign-up@example.az',
          password: 'a long enough password 1',
        },
      });
    const response = await signUp('Nərmin\u0000 Əliyeva');
    expect(response.status, server.output().slice(-2000)).toBe(400);
    expect(response.body).toContain(html(en.errors.codes.text_nul));
    expect(response.body).not.toContain(html(en.errors.unavailable));
    // Nothing was made: the same details without the NUL still sign up.
    const clean = await signUp('Nərmin Əliyeva');
    expect(clean.status, clean.body.slice(0, 500)).toBe(303);
  });

  it('a staff form (new account): the full name’s error, in Russian', async () => {
    const browser = new Browser(server.url, 'ru');
    const email = 'admin@demo.imtahan.az';
    const signIn = await browser.fetch('/sign-in', { form: { login: email, password: 'demo-admin-2026' } });
    expect(signIn.status, signIn.body.slice(0, 500)).toBe(303);
    expect(signIn.location).toMatch(/^\/sign-in\/two-factor/);
    const page = await browser.fetch(signIn.location!);
    const code = new RegExp(`data-demo-code="${email}">(\\d{6})<`).exec(page.body)?.[1];
    expect(code, 'the demo shows the current code').toBeDefined();
    const verified = await browser.fetch(signIn.location!, { form: { code: code! } });
    expect(verified.status, verified.body.slice(0, 500)).toBe(303);

    const response = await browser.fetch('/admin/users?/create', {
      form: {
        fullName: 'Новый\u0000 экзаменатор',
        email: 'nul.examiner@example.az',
        role: 'examiner',
        password: 'examiner password 1 long',
      },
    });
    expect(response.status, server.output().slice(-2000)).toBe(400);
    expect(response.body).toContain(html(ru.errors.codes.text_nul));
    expect(response.body).not.toContain(html(ru.errors.unavailable));
  });
});
