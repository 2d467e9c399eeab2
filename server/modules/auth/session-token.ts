import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// 32 symbols without look-alikes (no l, o, 0, 1), so each random byte maps to one symbol by its top 5 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 symbols of 5 bits: 120 bits of entropy, as the Lucia guide recommends. */
export function randomToken(): string {
  const bytes = randomBytes(24);
  let out = '';
  for (const b of bytes) out += ALPHABET[b >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret).digest());
}

export function secretsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** A session token is `<id>.<secret>`; anything else is not one of ours. */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  const wellFormed = /^[a-z2-9]{24}$/;
  return wellFormed.test(id) && wellFormed.test(secret) ? { id, secret } : null;
}
