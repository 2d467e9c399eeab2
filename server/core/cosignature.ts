/**
 * C2SP tlog-cosignature, the Ed25519 `cosignature/v1` type: a witness's timestamped statement that a
 * checkpoint is the largest consistent tree it has seen for that log.
 *
 * A cosignature is a note signature line `— <witness name> base64(key ID ‖ u64 timestamp ‖ Ed25519 signature)`
 * over the message `cosignature/v1\ntime <timestamp>\n<checkpoint text>`. Its key ID is
 * SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4], and its verifier key is `<name>+<key ID>+base64(0x04 ‖ key)`.
 * The signer key string is this project's, in Go's note style: `PRIVATE+KEY+<name>+<key ID>+base64(0x04 ‖ seed)`.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import {
  decodeStandardBase64,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKey,
  ed25519PublicKeyBytes,
  formatKeyId,
  isValidKeyName,
} from './signed-note';

/** The signature type byte C2SP tlog-cosignature assigns to Ed25519 cosignatures. */
export const COSIGNATURE_V1_TYPE = 0x04;

const SIGNATURE_PREFIX = '\u2014 ';
const HEADER = 'cosignature/v1\n';
/** C2SP: the timestamp must not exceed 2^63 − 1; we hold seconds as a safe JavaScript integer, far below. */
const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

export class CosignatureError extends Error {
  override readonly name = 'CosignatureError';
}

export interface CosignerVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
  /** The verifier key string it was parsed from (or made as). */
  readonly verifierKey: string;
}

export interface CosignerSigner {
  readonly name: string;
  readonly keyId: number;
  readonly privateKey: KeyObject;
}

/** A cosignature that verified: who, and the time (POSIX seconds) the witness put in it. */
export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: number;
  readonly timestamp: number;
  /** The signature line, without its newline, exactly as received. */
  readonly line: string;
}

/** SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4], big-endian. */
export function cosignerKeyId(name: string, publicKey: Uint8Array | KeyObject): number {
  if (!isValidKeyName(name)) throw new CosignatureError(`invalid cosigner name ${JSON.stringify(name)}`);
  const raw = publicKey instanceof Uint8Array ? publicKey : ed25519PublicKeyBytes(publicKey);
  return createHash('sha256')
    .update(name, 'utf8')
    .update(new Uint8Array([0x0a, COSIGNATURE_V1_TYPE]))
    .update(raw)
    .digest()
    .readUInt32BE(0);
}

/** The verifier key string `<name>+<key ID>+base64(0x04 ‖ public key)`. */
export function cosignerVerifierKey(name: string, publicKey: Uint8Array | KeyObject): string {
  const raw = publicKey instanceof Uint8Array ? publicKey : ed25519PublicKeyBytes(publicKey);
  return `${name}+${formatKeyId(cosignerKeyId(name, raw))}+${typed(raw)}`;
}

/** The secret key string a witness keeps in its key file. */
export function cosignerSignerKey(name: string, privateKey: KeyObject): string {
  const { d } = privateKey.export({ format: 'jwk' });
  const seed = new Uint8Array(Buffer.from(d ?? '', 'base64url'));
  return `PRIVATE+KEY+${name}+${formatKeyId(cosignerKeyId(name, privateKey))}+${typed(seed)}`;
}

export function parseCosignerVerifierKey(encoded: string): CosignerVerifier {
  const [name, idHex, keyBase64] = splitKey(encoded, 3, 'cosigner verifier key');
  const key = typedKey(name, idHex, keyBase64, 'cosigner verifier key');
  const publicKey = ed25519PublicKey(key);
  const keyId = Number.parseInt(idHex, 16);
  if (cosignerKeyId(name, key) !== keyId) {
    throw new CosignatureError('cosigner verifier key: key ID does not match name and key');
  }
  return { name, keyId, publicKey, verifierKey: encoded };
}

export function parseCosignerSignerKey(encoded: string): CosignerSigner {
  const [private1, private2, name, idHex, keyBase64] = splitKey(encoded, 5, 'cosigner signer key');
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    throw new CosignatureError('cosigner signer key: must start with PRIVATE+KEY+');
  }
  const privateKey = ed25519PrivateKeyFromSeed(typedKey(name, idHex, keyBase64, 'cosigner signer key'));
  const keyId = Number.parseInt(idHex, 16);
  if (cosignerKeyId(name, privateKey) !== keyId) {
    throw new CosignatureError('cosigner signer key: key ID does not match name and key');
  }
  return { name, keyId, privateKey };
}

/** The bytes a cosignature signs: the header, the time line, then the checkpoint's note text. */
export function cosignedMessage(checkpointText: string, timestamp: number): string {
  assertTimestamp(timestamp);
  if (!checkpointText.endsWith('\n')) throw new CosignatureError('checkpoint text must end with a newline');
  return `${HEADER}time ${timestamp}\n${checkpointText}`;
}

/** Cosigns checkpoint note text (no signatures) at `timestamp`; returns the signature line with its newline. */
export function cosignCheckpoint(checkpointText: string, timestamp: number, signer: CosignerSigner): string {
  const signature = sign(null, Buffer.from(cosignedMessage(checkpointText, timestamp), 'utf8'), signer.privateKey);
  const head = Buffer.alloc(12);
  head.writeUInt32BE(signer.keyId, 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([head, signature]).toString('base64')}\n`;
}

/**
 * Checks one note signature line as a cosignature of `checkpointText` by `verifier`. Returns undefined
 * when the line is by another key (C2SP: ignore it); throws when it is by this key and does not verify.
 */
export function verifyCosignatureLine(
  checkpointText: string,
  line: string,
  verifier: CosignerVerifier,
): VerifiedCosignature | undefined {
  const parsed = parseSignatureLine(line);
  if (parsed.name !== verifier.name || parsed.keyId !== verifier.keyId) return undefined;
  if (parsed.signature.length !== 8 + 64) {
    throw new CosignatureError(`cosignature by ${verifier.name} has the wrong length`);
  }
  const timestamp = Buffer.from(parsed.signature).readBigUInt64BE(0);
  if (timestamp > BigInt(MAX_TIMESTAMP)) throw new CosignatureError(`cosignature by ${verifier.name}: bad timestamp`);
  const message = Buffer.from(cosignedMessage(checkpointText, Number(timestamp)), 'utf8');
  if (!verify(null, message, verifier.publicKey, parsed.signature.subarray(8))) {
    throw new CosignatureError(`cosignature by ${verifier.name} does not verify`);
  }
  return { name: verifier.name, keyId: verifier.keyId, timestamp: Number(timestamp), line: line.replace(/\n$/, '') };
}

/**
 * The valid cosignatures among a note's signature lines (or a witness's response lines), at most one per
 * verifier. Lines by unknown keys are ignored; a line by a known key that does not verify throws.
 */
export function verifyCosignatures(
  checkpointText: string,
  lines: readonly string[],
  verifiers: readonly CosignerVerifier[],
): VerifiedCosignature[] {
  const found = new Map<string, VerifiedCosignature>();
  for (const line of lines) {
    for (const verifier of verifiers) {
      const key = `${verifier.name}+${verifier.keyId}`;
      if (found.has(key)) continue;
      const cosignature = verifyCosignatureLine(checkpointText, line, verifier);
      if (cosignature) found.set(key, cosignature);
    }
  }
  return [...found.values()];
}

/** Splits a signed note into its text (final newline included) and its signature lines (without newlines). */
export function splitNote(note: string): { text: string; signatureLines: string[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new CosignatureError('not a signed note');
  return { text: note.slice(0, split + 1), signatureLines: note.slice(split + 2, -1).split('\n') };
}

/** A note signature line's name, key ID and signature bytes (after the key ID). Throws when malformed. */
export function parseSignatureLine(line: string): { name: string; keyId: number; signature: Buffer } {
  const text = line.replace(/\n$/, '');
  if (!text.startsWith(SIGNATURE_PREFIX)) throw new CosignatureError('a signature line starts with "— "');
  const body = text.slice(SIGNATURE_PREFIX.length);
  const space = body.indexOf(' ');
  const name = space < 0 ? '' : body.slice(0, space);
  const decoded = space < 0 ? undefined : decodeStandardBase64(body.slice(space + 1));
  if (!isValidKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw new CosignatureError('malformed signature line');
  }
  const bytes = Buffer.from(decoded);
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

function splitKey<N extends 3 | 5>(
  encoded: string,
  fields: N,
  kind: string,
): N extends 3 ? [string, string, string] : [string, string, string, string, string] {
  const parts: string[] = [];
  let rest = encoded.trim();
  for (let i = 0; i < fields - 1; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) throw new CosignatureError(`${kind}: malformed`);
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  parts.push(rest);
  return parts as N extends 3 ? [string, string, string] : [string, string, string, string, string];
}

function typedKey(name: string, idHex: string, keyBase64: string, kind: string) {
  const decoded = decodeStandardBase64(keyBase64);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/i.test(idHex) || !decoded || decoded.length !== 33) {
    throw new CosignatureError(`${kind}: malformed`);
  }
  if (decoded[0] !== COSIGNATURE_V1_TYPE) {
    throw new CosignatureError(`${kind}: signature type ${decoded[0]} is not cosignature/v1 (4)`);
  }
  return decoded.subarray(1);
}

function typed(key: Uint8Array): string {
  return Buffer.concat([Buffer.from([COSIGNATURE_V1_TYPE]), key]).toString('base64');
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > MAX_TIMESTAMP) {
    throw new CosignatureError(`cosignature timestamp must be a non-negative integer, got ${timestamp}`);
  }
}
