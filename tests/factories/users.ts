import type { NewUser, Role, User } from '../../db/schema/index';
import { hashPassword } from '../../server/modules/auth/password';
import { currentTotpCode } from '../../server/modules/auth/totp';
import { request, sessionCookie, type TestApp } from '../helpers/app';
import { startsEachFile } from './per-file';

let sequence = 0;
startsEachFile(() => (sequence = 0));

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
  return {
    id: response.json().user.id,
    email: body.email,
    password: body.password,
    cookie: sessionCookie(response, t.config),
  };
}

/**
 * Creates a staff account through the service, enrols its TOTP and returns a fully
 * signed-in (two-factor verified) session, advancing the clock past the used code.
 */
export async function signInStaff(
  t: TestApp,
  role: Exclude<Role, 'applicant'>,
): Promise<SignedIn & { totpSecret: string }> {
  sequence += 1;
  const email = `${role}${sequence}-${Date.now()}@example.az`;
  const password = 'staff password 123';
  const created = await t.services.users.createAccount(
    { id: null, ip: null },
    { fullName: `Test ${role}`, email, role, password },
  );
  const signIn = await request(t.app, {
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { login: email, password },
  });
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
  // The second factor replaces the session: the one that passed only the password has ended.
  return { id: created.id, email, password, cookie: sessionCookie(enable, t.config), totpSecret: secret };
}

/** Signs in with the password only: for staff, a session still waiting for its second factor. */
export async function signInPassword(t: TestApp, login: string, password: string): Promise<string> {
  const response = await request(t.app, { method: 'POST', url: '/api/auth/sign-in', payload: { login, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return sessionCookie(response, t.config);
}

/** The code an authenticator app would show for `secret` at the test clock's time plus `offsetMs`. */
export function totpCode(t: TestApp, secret: string, offsetMs = 0): string {
  return currentTotpCode(secret, new Date(t.clock.read().getTime() + offsetMs));
}

let knownHash: Promise<string> | undefined;
// Made again at the cost the file's own app set (auth.test.ts asks for OWASP's).
startsEachFile(() => (knownHash = undefined));
export const FACTORY_PASSWORD = 'factory password 1';

/**
 * Inserts an account row directly, for tests that need many accounts (search, paging) and not their
 * sign-up path. All share one real Argon2id hash of FACTORY_PASSWORD, computed once.
 */
export async function insertUser(t: TestApp, overrides: Partial<NewUser> = {}): Promise<User> {
  sequence += 1;
  knownHash ??= hashPassword(FACTORY_PASSWORD);
  return t.services.repositories.users.insert({
    fullName: `Factory Person ${sequence}`,
    email: `person${sequence}-${Date.now()}@example.az`,
    passwordHash: await knownHash,
    role: 'applicant',
    ...overrides,
  });
}
