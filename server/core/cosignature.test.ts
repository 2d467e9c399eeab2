import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CosignatureError,
  cosignCheckpoint,
  cosignedMessage,
  cosignerKeyId,
  cosignerSignerKey,
  cosignerVerifierKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  parseSignatureLine,
  splitNote,
  verifyCosignatureLine,
  verifyCosignatures,
} from './cosignature';
import { ed25519PublicKeyBytes, parseSignerKey, parseVerifierKey, signNote, verifierKey } from './signed-note';

const CHECKPOINT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

function newCosigner(name: string) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = parseCosignerSignerKey(cosignerSignerKey(name, privateKey));
  const verifier = parseCosignerVerifierKey(cosignerVerifierKey(name, privateKey));
  return { signer, verifier, privateKey };
}

describe('cosignature/v1 format', () => {
  it('signs the header, the time line and the checkpoint text, as C2SP gives the message', () => {
    expect(cosignedMessage(CHECKPOINT, 1679315147)).toBe(`cosignature/v1\ntime 1679315147\n${CHECKPOINT}`);
  });

  it("reads the timestamp from the C2SP example's cosignature line", () => {
    const line =
      '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    const parsed = parseSignatureLine(line);
    expect(parsed.name).toBe('witness.example.com/w1');
    expect(parsed.signature.length).toBe(72);
    expect(Number(parsed.signature.readBigUInt64BE(0))).toBe(1679315147);
  });

  it('derives the key ID with type byte 0x04, so a note key and a cosigner key of one name differ', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const cosigner = cosignerVerifierKey('w.example/1', privateKey);
    const noteKey = verifierKey('w.example/1', ed25519PublicKeyBytes(privateKey));
    expect(cosigner.split('+')[1]).not.toBe(noteKey.split('+')[1]);
    expect(Buffer.from(cosigner.split('+')[2]!, 'base64')[0]).toBe(0x04);
    expect(cosignerKeyId('w.example/1', privateKey)).toBe(Number.parseInt(cosigner.split('+')[1]!, 16));
    expect(() => parseCosignerVerifierKey(noteKey)).toThrow(CosignatureError);
  });

  it('is checked by an independent signature over the message: Node signs, the line verifies', () => {
    const { verifier, privateKey } = newCosigner('w.example/independent');
    const signature = sign(null, Buffer.from(cosignedMessage(CHECKPOINT, 1700000000)), privateKey);
    const head = Buffer.alloc(12);
    head.writeUInt32BE(verifier.keyId, 0);
    head.writeBigUInt64BE(1700000000n, 4);
    const line = `— ${verifier.name} ${Buffer.concat([head, signature]).toString('base64')}`;
    expect(verifyCosignatureLine(CHECKPOINT, line, verifier)?.timestamp).toBe(1700000000);
  });

  it.each([
    ['a wrong key ID', 'PRIVATE+KEY+w+00000000+BA=='],
    ['a note (type 0x01) key', 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'],
    ['no PRIVATE+KEY prefix', 'w+00000000+BA=='],
  ])('refuses a signer key with %s', (_, key) => {
    expect(() => parseCosignerSignerKey(key)).toThrow();
  });
});

describe('verifying cosignatures', () => {
  const a = newCosigner('witness.a/w');
  const b = newCosigner('witness.b/w');

  it('accepts its own line, ignores other keys, and throws on a bad signature by a known key', () => {
    const lineA = cosignCheckpoint(CHECKPOINT, 1700000001, a.signer);
    const lineB = cosignCheckpoint(CHECKPOINT, 1700000002, b.signer);
    const found = verifyCosignatures(CHECKPOINT, [lineA, lineB], [a.verifier]);
    expect(found.map((c) => [c.name, c.timestamp])).toEqual([['witness.a/w', 1700000001]]);
    expect(verifyCosignatures(CHECKPOINT, [lineA, lineA], [a.verifier, b.verifier])).toHaveLength(1);
    // The same line over another checkpoint (a rewritten root) does not verify.
    const other = CHECKPOINT.replace('20852163', '20852164');
    expect(() => verifyCosignatures(other, [lineA], [a.verifier])).toThrow(CosignatureError);
    // A changed timestamp breaks the signature.
    const raw = parseSignatureLine(lineA);
    const tampered = Buffer.concat([Buffer.alloc(4), raw.signature]);
    tampered.writeUInt32BE(a.verifier.keyId, 0);
    tampered.writeBigUInt64BE(1700000009n, 4);
    expect(() => verifyCosignatureLine(CHECKPOINT, `— witness.a/w ${tampered.toString('base64')}`, a.verifier)).toThrow(
      CosignatureError,
    );
  });

  it('travels on the checkpoint note beside the log signature, which Go-style note parsing leaves alone', () => {
    const log = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
    expect(parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').name).toBe(
      'PeterNeumann',
    );
    const text = 'PeterNeumann\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const note = signNote(text, log.name, log.privateKey) + cosignCheckpoint(text, 1, a.signer);
    const split = splitNote(note);
    expect(split.text).toBe(text);
    expect(split.signatureLines).toHaveLength(2);
    expect(verifyCosignatures(split.text, split.signatureLines, [a.verifier, b.verifier])).toHaveLength(1);
  });

  it('property: any checkpoint text and timestamp round-trips through sign and verify', () => {
    const line = fc.stringMatching(/^[a-z0-9./]{1,20}$/);
    fc.assert(
      fc.property(line, fc.nat(), fc.maxSafeNat(), (origin, size, timestamp) => {
        const text = `${origin}\n${size}\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`;
        const signed = cosignCheckpoint(text, timestamp, a.signer);
        expect(verifyCosignatureLine(text, signed, a.verifier)?.timestamp).toBe(timestamp);
      }),
      { numRuns: 50 },
    );
  });
});
