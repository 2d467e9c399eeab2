import type { Role } from '../../db/schema/index';
import { currentTotpCode } from '../../server/modules/auth/totp';
import { request, sessionCookie, type TestApp } from '../helpers/app';

let sequence = 0;

/** A valid FİN that no other factory call returns: digits only, so no excluded letters sneak in. */
export function uniqueFin(): string {
  sequence += 1;
  return String(1_000_000 + ((Date.now() + sequence * 7919) % 8_999_999)).slice(0, 7);
}

export interface SignedIn {
  id: string;
  email: string;
  password: string;
  cookie: string;
  totpSecret?: string;
}

export function applicantInput(overrides: Partial<Record<string, string>> = {}) {
  sequence += 1;
  return {
    nationalIdScheme: 'AZ_FIN',
    nationalId: uniqueFin(),
    fullName: 'Nigar Rzayeva',
    email: `applicant${sequence}-${Date.now()}@example.az`,
    password: 'correct horse battery',
    ...overrides,
  };
}

/** Signs up an applicant through the API and returns its session. */
export async function signUpApplicant(t: TestApp, overrides: Partial<Record<string, string>> = {}): Promise<SignedIn> {
  const body = applicantInput(overrides);
  const response = await request(t.app, { method: 'POST', url: '/api/auth/sign-up', payload: body });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
  return { id: response.json().user.id, email: body.email, password: body.password, cookie: sessionCookie(response, t.config) };
}

/**
 * Creates a staff account through the service, enrols its TOTP and returns a fully
 * signed-in (two-factor verified) session, advancing the clock past the used code.
 */
export async function signInStaff(t: TestApp, role: Exclude<Role, 'applicant'>): Promise<SignedIn> {
  sequence += 1;
  const email = `${role}${sequence}-${Date.now()}@example.az`;
  const password = 'staff password 123';
  const created = await t.services.users.createAccount({ id: null, ip: null }, { fullName: `Test ${role}`, email, role, password });
  const signIn = await request(t.app, { method: 'POST', url: '/api/auth/sign-in', payload: { login: email, password } });
  const cookie = sessionCookie(signIn, t.config);
  const setup = await request(t.app, { method: 'POST', url: '/api/auth/two-factor/setup', cookie });
  const secret = setup.json().secret as string;
  const enable = await request(t.app, {
    method: 'POST',
    url: '/api/auth/two-factor/enable',
    cookie,
    payload: { code: currentTotpCode(secret, t.clock.read()) },
  });
  if (enable.statusCode !== 200) throw new Error(`two-factor enable failed: ${enable.body}`);
  t.clock.advance(30_000);
  return { id: created.id, email, password, cookie, totpSecret: secret };
}
