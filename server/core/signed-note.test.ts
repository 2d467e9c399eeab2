import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeStandardBase64,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKey,
  ed25519PublicKeyBytes,
  formatKeyId,
  isValidKeyName,
  keyId,
  MAX_SIGNATURES,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerKey,
  signNote,
  SignedNoteError,
  verifierKey,
  type SignedNoteErrorCode,
} from './signed-note';

// Known answers published in Go's golang.org/x/mod/sumdb/note tests.
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VERIFIER = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const PETER = {
  name: 'PeterNeumann',
  keyId: 0xc74f20a3,
  signature: 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};
const ENOCH = {
  name: 'EnochRoot',
  keyId: 0xaf0cfe78,
  signature: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=',
};

const peterVerifier = parseVerifierKey(PETER_VERIFIER);
const enochVerifier = parseVerifierKey(ENOCH_VERIFIER);

function errorCode(run: () => unknown): SignedNoteErrorCode | 'no error' | 'other error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof SignedNoteError ? error.code : 'other error';
  }
}

/** Inserts "ABCD" into a signature line's base64, as Go's tests do to corrupt a signature. */
const corrupt = (line: string) => `${line.slice(0, 60)}ABCD${line.slice(60)}`;

describe('keys', () => {
  it('computes the key ID as the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)', () => {
    const publicKey = ed25519PublicKeyBytes(peterVerifier.publicKey);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from('PeterNeumann\n'), Buffer.from([1]), publicKey]))
      .digest();
    expect(keyId('PeterNeumann', publicKey)).toBe(digest.readUInt32BE(0));
    expect(keyId('PeterNeumann', publicKey)).toBe(0xc74f20a3);
    expect(keyId('PeterNeumann', peterVerifier.publicKey)).toBe(0xc74f20a3);
    expect(keyId('PeterNeumanN', publicKey)).not.toBe(0xc74f20a3);
  });

  it("parses Go's published signer key and derives its verifier key", () => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(signer).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(verifierKey(signer.name, signer.privateKey)).toBe(PETER_VERIFIER);
    expect(signerKey(signer.name, signer.privateKey)).toBe(PETER_SIGNER);
  });

  it("parses Go's published verifier keys", () => {
    expect(peterVerifier).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(enochVerifier).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78 });
    expect(verifierKey('EnochRoot', enochVerifier.publicKey)).toBe(ENOCH_VERIFIER);
  });

  it('accepts the key ID in upper case, as Go does', () => {
    expect(parseVerifierKey('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').keyId).toBe(
      0xc74f20a3,
    );
  });

  it('rejects every truncation and every one-character change of a verifier key', () => {
    let rejected = 0;
    for (let i = 0; i <= PETER_VERIFIER.length; i++) {
      for (let j = i + 1; j <= PETER_VERIFIER.length; j++) {
        if (i === 0 && j === PETER_VERIFIER.length) continue;
        expect(() => parseVerifierKey(PETER_VERIFIER.slice(i, j)), PETER_VERIFIER.slice(i, j)).toThrow(SignedNoteError);
        rejected++;
      }
    }
    for (let i = 0; i < PETER_VERIFIER.length; i++) {
      const changed =
        PETER_VERIFIER.slice(0, i) +
        String.fromCharCode(PETER_VERIFIER.charCodeAt(i) + 1) +
        PETER_VERIFIER.slice(i + 1);
      expect(() => parseVerifierKey(changed), changed).toThrow(SignedNoteError);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(2000);
  });

  it('rejects every truncation and every one-character change of a signer key', () => {
    for (let i = 0; i <= PETER_SIGNER.length; i++) {
      for (let j = i + 1; j <= PETER_SIGNER.length; j++) {
        if (i === 0 && j === PETER_SIGNER.length) continue;
        expect(() => parseSignerKey(PETER_SIGNER.slice(i, j)), PETER_SIGNER.slice(i, j)).toThrow(SignedNoteError);
      }
    }
    for (let i = 0; i < PETER_SIGNER.length; i++) {
      const changed =
        PETER_SIGNER.slice(0, i) + String.fromCharCode(PETER_SIGNER.charCodeAt(i) + 1) + PETER_SIGNER.slice(i + 1);
      expect(() => parseSignerKey(changed), changed).toThrow(SignedNoteError);
    }
  });

  it.each([
    [
      'a wrong-length key with an adjusted key ID',
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      'MALFORMED_KEY',
    ],
    [
      'an unknown algorithm with an adjusted key ID',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'UNSUPPORTED_KEY',
    ],
    [
      'a key ID for another key',
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'KEY_ID_MISMATCH',
    ],
    [
      'unpadded base64',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'.slice(0, -1),
      'MALFORMED_KEY',
    ],
    ['a name with a space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['a short key ID', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
  ])('rejects %s', (_, encoded, code) => {
    expect(errorCode(() => parseVerifierKey(encoded))).toBe(code);
  });

  it('round-trips generated keys through the Go key strings, from PKCS #8 seeds and from JWK', () => {
    const seed = createHash('sha256').update('imtahan test seed').digest();
    const fromSeed = ed25519PrivateKeyFromSeed(seed);
    const jwk = fromSeed.export({ format: 'jwk' });
    expect(Buffer.from(jwk.d ?? '', 'base64url').equals(seed)).toBe(true);
    const fromJwk = createPrivateKey({ key: jwk, format: 'jwk' });

    const name = 'imtahan.example/log';
    const skey = signerKey(name, fromJwk);
    const vkey = verifierKey(name, fromSeed);
    expect(skey).toBe(
      `PRIVATE+KEY+${name}+${vkey.split('+')[1]}+${Buffer.concat([Buffer.from([1]), seed]).toString('base64')}`,
    );
    const signer = parseSignerKey(skey);
    const verifier = parseVerifierKey(vkey);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(formatKeyId(verifier.keyId)).toBe(vkey.split('+')[1]);
    expect(ed25519PublicKeyBytes(signer.privateKey)).toEqual(ed25519PublicKeyBytes(verifier.publicKey));
    expect(signNote('x\n', name, fromSeed)).toBe(signNote('x\n', name, fromJwk));
    expect(openNote(signNote('x\n', name, signer.privateKey), [verifier]).text).toBe('x\n');
  });

  it('formats key IDs with leading zeros', () => {
    expect(formatKeyId(0x00ab)).toBe('000000ab');
    expect(formatKeyId(0xffffffff)).toBe('ffffffff');
  });

  it('rejects keys that are not Ed25519, and key bytes of the wrong length', () => {
    const { privateKey } = generateKeyPairSync('x25519');
    expect(errorCode(() => signerKey('a', privateKey))).toBe('UNSUPPORTED_KEY');
    expect(errorCode(() => verifierKey('a', privateKey))).toBe('UNSUPPORTED_KEY');
    expect(errorCode(() => keyId('a', new Uint8Array(31)))).toBe('MALFORMED_KEY');
    expect(errorCode(() => ed25519PrivateKeyFromSeed(new Uint8Array(33)))).toBe('MALFORMED_KEY');
    expect(errorCode(() => ed25519PublicKey(new Uint8Array(64)))).toBe('MALFORMED_KEY');
    expect(errorCode(() => signerKey('a', peterVerifier.publicKey))).toBe('UNSUPPORTED_KEY');
  });
});

describe('key names', () => {
  it.each([
    ['PeterNeumann', true],
    ['imtahan.gov.az/log', true],
    ['şəhadətnamə', true],
    ['zero\ufeffwidth', true], // U+FEFF is not white space to Go, though it is to JavaScript's \s
    ['', false],
    ['a+b', false],
    ['a b', false],
    ['a\tb', false],
    ['a\u0085b', false], // NEL is white space to Go, though not to JavaScript's \s
    ['a\u00a0b', false],
    ['a\u3000b', false],
    ['a\u2028b', false],
    ['a\ud800', false],
  ])('%j is valid: %s', (name, valid) => {
    expect(isValidKeyName(name)).toBe(valid);
  });
});

describe('signNote', () => {
  it("reproduces Go's published signed note byte for byte", () => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(signNote(TEXT, signer.name, signer.privateKey)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it.each([
    ['text without a final newline', 'abc', 'PeterNeumann', 'MALFORMED_NOTE'],
    ['a control character', 'a\tb\n', 'PeterNeumann', 'MALFORMED_NOTE'],
    ['a carriage return', 'a\r\n', 'PeterNeumann', 'MALFORMED_NOTE'],
    ['a lone surrogate', 'a\ud800\n', 'PeterNeumann', 'MALFORMED_NOTE'],
    ['a key name with a space', 'a\n', 'bad name', 'MALFORMED_KEY'],
    ['a key name with a plus', 'a\n', 'a+b', 'MALFORMED_KEY'],
  ])('refuses %s', (_, text, name, code) => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(errorCode(() => signNote(text, name, signer.privateKey))).toBe(code);
  });

  it('refuses a public key', () => {
    expect(errorCode(() => signNote('a\n', 'PeterNeumann', peterVerifier.publicKey))).toBe('UNSUPPORTED_KEY');
  });
});

describe('openNote', () => {
  it('verifies the known key and returns the other signature unverified', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterVerifier]);
    expect(opened).toEqual({ text: TEXT, signatures: [PETER], unverifiedSignatures: [ENOCH] });
  });

  it('verifies both signatures when both keys are known', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterVerifier, enochVerifier]);
    expect(opened).toEqual({ text: TEXT, signatures: [PETER, ENOCH], unverifiedSignatures: [] });
  });

  it('accepts the note as UTF-8 bytes', () => {
    const opened = openNote(new TextEncoder().encode(`${TEXT}\n${PETER_SIG}`), [peterVerifier]);
    expect(opened.signatures).toEqual([PETER]);
  });

  it('rejects a note with no signature by a known key', () => {
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('NO_KNOWN_SIGNATURE');
  });

  it('ignores a signature whose name or key ID (but not both) matches a known key', () => {
    const sameNameOtherId = PETER_SIG.replace('x08g', 'xxxx');
    expect(errorCode(() => openNote(`${TEXT}\n${sameNameOtherId}`, [peterVerifier]))).toBe('NO_KNOWN_SIGNATURE');
    const otherName = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    const opened = openNote(`${TEXT}\n${otherName}${PETER_SIG}`, [peterVerifier]);
    expect(opened.unverifiedSignatures).toEqual([{ ...PETER, name: 'CarmenSandiego' }]);
  });

  it('reports an ambiguous key only when a signature needs it', () => {
    const verifiers = [enochVerifier, peterVerifier, enochVerifier];
    expect(errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}`, verifiers))).toBe('AMBIGUOUS_KEY');
    expect(openNote(`${TEXT}\n${PETER_SIG}`, verifiers).signatures).toEqual([PETER]);
  });

  it('rejects the whole note when a known key’s signature is bad', () => {
    expect(errorCode(() => openNote(`${TEXT}\n${corrupt(PETER_SIG)}`, [peterVerifier]))).toBe('INVALID_SIGNATURE');
    expect(
      errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}${corrupt(PETER_SIG)}`, [peterVerifier, enochVerifier])),
    ).toBe('INVALID_SIGNATURE');
  });

  it('counts repeated signatures once and keeps distinct unknown ones', () => {
    const note = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${corrupt(ENOCH_SIG)}`;
    const opened = openNote(note, [peterVerifier]);
    expect(opened.signatures).toEqual([PETER]);
    expect(opened.unverifiedSignatures).toEqual([ENOCH, { ...ENOCH, signature: corrupt(ENOCH_SIG).slice(12, -1) }]);
  });

  it(`rejects more than ${MAX_SIGNATURES} signatures, known or not`, () => {
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peterVerifier]))).toBe('MALFORMED_NOTE');
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, []))).toBe('MALFORMED_NOTE');
    expect(openNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peterVerifier]).signatures).toEqual([PETER]);
  });

  it.each([
    ['text alone', TEXT],
    ['text and a blank line', `${TEXT}\n`],
    ['a signature line without its newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a leading control character', `\x01${TEXT}\n${PETER_SIG}`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['a key name with a space', `${TEXT}\n— Bad Name ${PETER.signature}\n`],
    ['a line that is not a signature', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen instead of an em dash', `${TEXT}\n${PETER_SIG.replace('—', '-')}`],
    ['no space after the dash', `${TEXT}\n${PETER_SIG.replace('— ', '—')}`],
    ['a missing signature', `${TEXT}\n— PeterNeumann\n`],
    ['bad base64', `${TEXT}\n${PETER_SIG.replace('x08go/', 'x08go_')}`],
    ['unpadded base64', `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`],
    ['a signature too short to hold a key ID', `${TEXT}\n— PeterNeumann AAAAAA==\n`],
    ['a trailing blank line', `${TEXT}\n${PETER_SIG}\n`],
    ['a lone surrogate', `\ud800${TEXT}\n${PETER_SIG}`],
  ])('rejects a malformed note: %s', (_, note) => {
    expect(errorCode(() => openNote(note, [peterVerifier]))).toBe('MALFORMED_NOTE');
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(errorCode(() => openNote(bytes, [peterVerifier]))).toBe('MALFORMED_NOTE');
  });

  it('separates the signatures at the last blank line, so the text may contain blank lines', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    for (const text of ['first\n\nsecond\n', 'ends blank\n\n', '\n', 'a\n\n\n\nb\n']) {
      expect(openNote(signNote(text, signer.name, signer.privateKey), [peterVerifier]).text).toBe(text);
    }
  });

  it('opens what it signs, and nothing once any character of the text changes', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    const line = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => ![...s].some((c) => c < ' '));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.nat(), (lines, at) => {
        const text = `${lines.join('\n')}\n`;
        const note = signNote(text, signer.name, signer.privateKey);
        expect(openNote(note, [peterVerifier]).text).toBe(text);

        const i = at % text.length;
        const changed = text.slice(0, i) + (text[i] === 'x' ? 'y' : 'x') + text.slice(i + 1);
        const tampered = changed + note.slice(text.length);
        expect(errorCode(() => openNote(tampered, [peterVerifier]))).not.toBe('no error');
      }),
      { numRuns: 60 },
    );
  });

  it('verifies with a key pair generated by node:crypto', () => {
    const { privateKey, publicKey }: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ed25519');
    const note = signNote('imtahan.example/log\n5\nAAAA\n', 'imtahan.example/log', privateKey);
    const verifier = parseVerifierKey(verifierKey('imtahan.example/log', publicKey));
    expect(openNote(note, [verifier]).signatures).toHaveLength(1);
    expect(errorCode(() => openNote(note, [peterVerifier]))).toBe('NO_KNOWN_SIGNATURE');
  });
});

describe('decodeStandardBase64', () => {
  it.each([
    ['', ''],
    ['AA==', '00'],
    ['AAA=', '0000'],
    ['AAAA', '000000'],
    ['+/+/', 'fbffbf'],
  ])('decodes %j', (text, hex) => {
    expect(Buffer.from(decodeStandardBase64(text) ?? [0xde, 0xad]).toString('hex')).toBe(hex);
  });

  it.each(['AA', 'AAA', 'A===', 'AB==', 'AAB=', 'AA==AA==', 'AA AA', '-_-_', 'AAAA\n', 'AA=A'])(
    'rejects %j',
    (text) => {
      expect(decodeStandardBase64(text)).toBeUndefined();
    },
  );
});
