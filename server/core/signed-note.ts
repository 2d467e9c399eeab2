/**
 * C2SP signed-note with Ed25519 keys, byte-compatible with Go's golang.org/x/mod/sumdb/note.
 *
 * A note is UTF-8 text ending in a newline, a blank line, then one line per signature:
 * `— <key name> <base64(4-byte key ID ‖ signature)>`. The signature covers the text bytes exactly,
 * final newline included. Keys travel as Go's note key strings: the public verifier key
 * `<name>+<key ID as 8 hex digits>+<base64(0x01 ‖ public key)>` and the secret signer key
 * `PRIVATE+KEY+<name>+<key ID>+<base64(0x01 ‖ seed)>`.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The signature type byte C2SP assigns to Ed25519. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** Go's note.Open refuses notes with more signatures than this; so do we. */
export const MAX_SIGNATURES = 100;

export type SignedNoteErrorCode =
  | 'MALFORMED_KEY'
  | 'KEY_ID_MISMATCH'
  | 'UNSUPPORTED_KEY'
  | 'MALFORMED_NOTE'
  | 'AMBIGUOUS_KEY'
  | 'INVALID_SIGNATURE'
  | 'NO_KNOWN_SIGNATURE';

export class SignedNoteError extends Error {
  override readonly name = 'SignedNoteError';

  constructor(
    readonly code: SignedNoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly privateKey: KeyObject;
}

/** One signature line of a note. `signature` is the base64 text as it appears on the line. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: string;
}

export interface OpenedNote {
  /** The signed text, final newline included. */
  readonly text: string;
  /** Signatures by known keys, all verified, in note order. */
  readonly signatures: readonly NoteSignature[];
  /** Signatures by keys the caller did not name (witness cosignatures, rotated keys), unchecked. */
  readonly unverifiedSignatures: readonly NoteSignature[];
}

/**
 * Whether `name` may name a key: non-empty, no Unicode white space and no `+`. White space is
 * Go's `unicode.IsSpace`, which differs from JavaScript's `\s` (it includes U+0085, excludes U+FEFF).
 */
export function isValidKeyName(name: string): boolean {
  return name !== '' && isWellFormed(name) && !GO_SPACE_OR_PLUS.test(name);
}

/**
 * The C2SP key ID: the first 4 bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
 * `publicKey` is the 32-byte Ed25519 public key, or any Ed25519 KeyObject (a private key's public half is used).
 */
export function keyId(name: string, publicKey: Uint8Array | KeyObject): number {
  assertKeyName(name);
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(new Uint8Array([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(rawPublicKey(publicKey))
    .digest();
  return digest.readUInt32BE(0);
}

/** The public verifier key string `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(name: string, publicKey: Uint8Array | KeyObject): string {
  const raw = rawPublicKey(publicKey);
  return `${name}+${formatKeyId(keyId(name, raw))}+${typedKeyBase64(raw)}`;
}

/** The secret signer key string `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>`, as Go's note.GenerateKey writes it. */
export function signerKey(name: string, privateKey: KeyObject): string {
  const seed = ed25519Seed(privateKey);
  return `PRIVATE+KEY+${name}+${formatKeyId(keyId(name, privateKey))}+${typedKeyBase64(seed)}`;
}

/** Parses a verifier key string as Go's note.NewVerifier does, checking its key ID. */
export function parseVerifierKey(encoded: string): NoteVerifier {
  const [name = '', idHex = '', keyBase64 = ''] = chopPlus(encoded, 3);
  const { id, key } = parseKeyFields(name, idHex, keyBase64, 'verifier');
  const publicKey = ed25519PublicKey(key);
  if (keyId(name, key) !== id) {
    throw new SignedNoteError('KEY_ID_MISMATCH', 'verifier key: key ID does not match name and key');
  }
  return { name, keyId: id, publicKey };
}

/** Parses a signer key string as Go's note.NewSigner does, checking its key ID against the derived public key. */
export function parseSignerKey(encoded: string): NoteSigner {
  const [private1, private2, name = '', idHex = '', keyBase64 = ''] = chopPlus(encoded, 5);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    throw new SignedNoteError('MALFORMED_KEY', 'signer key: must start with PRIVATE+KEY+');
  }
  const { id, key } = parseKeyFields(name, idHex, keyBase64, 'signer');
  const privateKey = ed25519PrivateKeyFromSeed(key);
  if (keyId(name, privateKey) !== id) {
    throw new SignedNoteError('KEY_ID_MISMATCH', 'signer key: key ID does not match name and key');
  }
  return { name, keyId: id, privateKey };
}

/** An Ed25519 private KeyObject from its 32-byte RFC 8032 seed. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) {
    throw new SignedNoteError('MALFORMED_KEY', `Ed25519 seed must be 32 bytes, got ${seed.length}`);
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** An Ed25519 public KeyObject from its 32-byte RFC 8032 encoding. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) {
    throw new SignedNoteError('MALFORMED_KEY', `Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
  }
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch {
    throw new SignedNoteError('MALFORMED_KEY', 'not an Ed25519 public key');
  }
}

/** The 32-byte RFC 8032 public key of an Ed25519 KeyObject (public, or private whose public half is taken). */
export function ed25519PublicKeyBytes(key: KeyObject): Uint8Array {
  assertEd25519(key);
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

/**
 * Signs `text` as a note by the key `name`: returns `text`, a blank line, and the signature line.
 * `text` must end in a newline and, like any note, be free of control characters other than newline.
 */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  assertKeyName(name);
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new SignedNoteError('UNSUPPORTED_KEY', 'signing needs a private key');
  if (!text.endsWith('\n')) throw new SignedNoteError('MALFORMED_NOTE', 'note text must end with a newline');
  assertNoteCharacters(text);

  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId(name, privateKey));
  return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

/**
 * Parses a signed note and verifies every signature by a key in `verifiers`, following Go's note.Open
 * and C2SP: signatures by unknown keys are returned unchecked, a known key's bad signature rejects the
 * whole note, and a note with no verified signature is rejected. Repeated signature lines by one key
 * count once. Throws {@link SignedNoteError}.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const message = typeof note === 'string' ? note : decodeUtf8(note);
  assertNoteCharacters(message);

  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    throw malformed('the signature block must be non-empty and end with a newline');
  }

  const signatures: NoteSignature[] = [];
  const unverifiedSignatures: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  const seenUnverified = new Set<string>();
  const textBytes = Buffer.from(text, 'utf8');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);

  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed(`signature line does not start with "${SIGNATURE_PREFIX}"`);
    const body = line.slice(SIGNATURE_PREFIX.length);
    const space = body.indexOf(' ');
    const name = space < 0 ? body : body.slice(0, space);
    const signatureBase64 = space < 0 ? '' : body.slice(space + 1);
    const decoded = decodeStandardBase64(signatureBase64);
    if (!isValidKeyName(name) || decoded === undefined || decoded.length < 5) throw malformed('bad signature line');
    const id = Buffer.from(decoded).readUInt32BE(0);
    const found: NoteSignature = { name, keyId: id, signature: signatureBase64 };

    const candidates = verifiers.filter((v) => v.name === name && v.keyId === id);
    if (candidates.length === 0) {
      if (!seenUnverified.has(body)) unverifiedSignatures.push(found);
      seenUnverified.add(body);
      continue;
    }
    if (candidates.length > 1) {
      throw new SignedNoteError('AMBIGUOUS_KEY', `more than one verifier for key ${name}+${formatKeyId(id)}`);
    }
    const keyName = `${name}+${formatKeyId(id)}`;
    if (seenVerified.has(keyName)) continue;
    seenVerified.add(keyName);

    if (!verifiesEd25519(textBytes, candidates[0]!.publicKey, decoded.subarray(4))) {
      throw new SignedNoteError('INVALID_SIGNATURE', `invalid signature for key ${keyName}`);
    }
    signatures.push(found);
  }

  if (signatures.length === 0) throw new SignedNoteError('NO_KNOWN_SIGNATURE', 'note has no signature by a known key');
  return { text, signatures, unverifiedSignatures };
}

/**
 * Decodes RFC 4648 §4 base64, padded, strictly: any other character, missing padding or non-zero
 * padding bits gives undefined. (Node's Buffer.from(…, 'base64') would skip junk silently.)
 */
export function decodeStandardBase64(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

/** The key ID as the 8 lowercase hex digits used in key strings. */
export function formatKeyId(id: number): string {
  return id.toString(16).padStart(8, '0');
}

const SIGNATURE_PREFIX = '\u2014 ';

// Go's unicode.IsSpace set, plus '+', which separates the fields of key strings.
const GO_SPACE_OR_PLUS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000+]/;

// DER prefixes of PKCS #8 and SPKI for Ed25519 (RFC 8410): the raw 32 bytes follow each.
const PKCS8_ED25519_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Splits a key string into `fields` fields the way Go's repeated chop(s, "+") does: at the first
 * `fields - 1` plus signs only, since the last field is base64 and may itself contain '+'.
 */
function chopPlus(encoded: string, fields: number): string[] {
  const parts: string[] = [];
  let rest = encoded;
  for (let i = 0; i < fields - 1; i++) {
    const plus = rest.indexOf('+');
    parts.push(plus < 0 ? rest : rest.slice(0, plus));
    rest = plus < 0 ? '' : rest.slice(plus + 1);
  }
  parts.push(rest);
  return parts;
}

function parseKeyFields(name: string, idHex: string, keyBase64: string, kind: string): { id: number; key: Uint8Array } {
  const typedKey = decodeStandardBase64(keyBase64);
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(idHex) || typedKey === undefined || typedKey.length === 0) {
    throw new SignedNoteError('MALFORMED_KEY', `${kind} key: malformed`);
  }
  if (typedKey[0] !== ED25519_SIGNATURE_TYPE) {
    throw new SignedNoteError('UNSUPPORTED_KEY', `${kind} key: unknown signature type ${typedKey[0]}`);
  }
  const key = typedKey.subarray(1);
  if (key.length !== 32) throw new SignedNoteError('MALFORMED_KEY', `${kind} key: Ed25519 key must be 32 bytes`);
  return { id: Number.parseInt(idHex, 16), key };
}

function rawPublicKey(publicKey: Uint8Array | KeyObject): Uint8Array {
  if (publicKey instanceof Uint8Array) {
    if (publicKey.length !== 32) {
      throw new SignedNoteError('MALFORMED_KEY', `Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
    }
    return publicKey;
  }
  return ed25519PublicKeyBytes(publicKey);
}

function ed25519Seed(privateKey: KeyObject): Uint8Array {
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new SignedNoteError('UNSUPPORTED_KEY', 'a signer key needs a private key');
  const { d } = privateKey.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(d ?? '', 'base64url'));
}

function typedKeyBase64(key: Uint8Array): string {
  return Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), key]).toString('base64');
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SignedNoteError('UNSUPPORTED_KEY', `expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new SignedNoteError('MALFORMED_KEY', `invalid key name ${JSON.stringify(name)}`);
}

/** Signed notes must be valid UTF-8 with no control characters other than newline. */
function assertNoteCharacters(text: string): void {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed('control character other than newline');
  if (!isWellFormed(text)) throw malformed('not valid Unicode');
}

function verifiesEd25519(message: Uint8Array, publicKey: KeyObject, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    // A verifier handed something that is not an Ed25519 public key cannot vouch for anything.
    return false;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed('not valid UTF-8');
  }
}

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function malformed(why: string): SignedNoteError {
  return new SignedNoteError('MALFORMED_NOTE', `malformed note: ${why}`);
}
