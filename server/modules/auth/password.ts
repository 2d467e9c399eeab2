import { availableParallelism } from 'node:os';
import { hash, verify, type Options } from '@node-rs/argon2';
import { createSlots, hashesAtOnce } from './hash-slots';

/**
 * Argon2id parameters by name. `owasp` is OWASP's minimum (19 MiB of memory, 2 iterations, 1 lane) and
 * the only one outside tests; `test` is the library's floor, for suites that create hundreds of accounts.
 * A hash carries its own parameters, so either kind verifies under either setting.
 */
// `algorithm: 2` is Argon2id; the library exports it as an ambient const enum, which isolated modules cannot read.
export const PASSWORD_HASH_COSTS = {
  owasp: { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  test: { algorithm: 2 as Options['algorithm'], memoryCost: 8, timeCost: 1, parallelism: 1 },
} satisfies Record<string, Options>;

export type PasswordHashCost = keyof typeof PASSWORD_HASH_COSTS;

let cost: PasswordHashCost = 'owasp';

/**
 * Sets the parameters new hashes are made with, for the whole process: called once at boot from the
 * configuration (PASSWORD_HASH_COST), which refuses `test` unless NODE_ENV is test.
 */
export function usePasswordHashCost(next: PasswordHashCost): void {
  cost = next;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Hashes run at once, sized for the costliest parameters (see `hash-slots.ts`): one on a 2-core machine. */
export const HASHES_AT_ONCE = hashesAtOnce(availableParallelism(), PASSWORD_HASH_COSTS.owasp.memoryCost);
const slots = createSlots(HASHES_AT_ONCE);

export function hashPassword(password: string): Promise<string> {
  return slots.run(() => hash(password, PASSWORD_HASH_COSTS[cost]));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await slots.run(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

const dummyHashes = new Map<PasswordHashCost, Promise<string>>();

/**
 * Spends the same time as a real check, so that a sign-in for an unknown account
 * cannot be told apart from a wrong password by its timing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  let dummyHash = dummyHashes.get(cost);
  if (!dummyHash) dummyHashes.set(cost, (dummyHash = hashPassword('no account has this password')));
  await verifyPassword(await dummyHash, password);
  return false;
}
