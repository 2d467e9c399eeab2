import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import { consistencyProof, leafHash, nodeHash, rootFromStoredHashes, type HashReader } from './merkle';
import { parseSignerKey, parseVerifierKey, signNote, signerKey, verifierKey } from './signed-note';
import {
  decideAddCheckpoint,
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  parseTreeSize,
  WitnessRequestError,
  type WitnessedCheckpoint,
} from './tlog-witness';

const ORIGIN = 'imtahan.test/log';
const { privateKey } = generateKeyPairSync('ed25519');
const signer = parseSignerKey(signerKey(ORIGIN, privateKey));
const logs = new Map([[ORIGIN, [parseVerifierKey(verifierKey(ORIGIN, privateKey))]]]);

/** A whole tree held in memory, level by level, from entries named by `prefix`. */
function tree(size: number, prefix = 'entry') {
  const levels: Uint8Array[][] = [Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`${prefix} ${i}`)))];
  while (levels.at(-1)!.length >= 2) {
    const below = levels.at(-1)!;
    levels.push(
      Array.from({ length: Math.floor(below.length / 2) }, (_, i) => nodeHash(below[2 * i]!, below[2 * i + 1]!)),
    );
  }
  const read: HashReader = (level, index) => levels[level]![index]!;
  return { read, root: (n: number) => rootFromStoredHashes(n, read) };
}

function signed(size: number, root: Uint8Array, origin = ORIGIN) {
  return signNote(formatCheckpoint({ origin, size, rootHash: root }), signer.name, signer.privateKey);
}

const t = tree(40);
const at = (size: number): WitnessedCheckpoint => ({ size, rootHash: t.root(size) });

describe('the add-checkpoint request body', () => {
  it('is laid out as C2SP tlog-witness gives it, and parses back', () => {
    const proof = consistencyProof(10, 20, t.read);
    const body = formatAddCheckpointRequest({ oldSize: 10, proof, checkpoint: signed(20, t.root(20)) });
    const lines = body.split('\n');
    expect(lines[0]).toBe('old 10');
    expect(lines.slice(1, 1 + proof.length)).toEqual(proof.map((h) => Buffer.from(h).toString('base64')));
    expect(lines[1 + proof.length]).toBe('');
    expect(lines[2 + proof.length]).toBe(ORIGIN);
    const parsed = parseAddCheckpointRequest(body);
    expect(parsed.oldSize).toBe(10);
    expect(parsed.proof.map((h) => Buffer.from(h).toString('hex'))).toEqual(
      proof.map((h) => Buffer.from(h).toString('hex')),
    );
    expect(parsed.checkpoint).toBe(signed(20, t.root(20)));
  });

  it.each([
    ['no old line', `\n${'x'}`],
    ['a leading zero', 'old 05\n\nx'],
    ['a negative size', 'old -1\n\nx'],
    ['no blank line', 'old 0\nx'],
    ['a proof line that is not a hash', 'old 3\nnot-base64\n\nx'],
    ['a proof from size 0', `old 0\n${Buffer.alloc(32).toString('base64')}\n\nx`],
    ['64 proof lines', `old 3\n${`${Buffer.alloc(32).toString('base64')}\n`.repeat(64)}\nx`],
  ])('refuses %s', (_, body) => {
    expect(() => parseAddCheckpointRequest(body)).toThrow(WitnessRequestError);
  });

  it('reads a 409 body: a decimal size and a newline, nothing else', () => {
    expect(parseTreeSize('20852014\n')).toBe(20852014);
    for (const bad of ['20852014', '020\n', '-1\n', 'x\n', '1\n\n']) expect(() => parseTreeSize(bad)).toThrow();
  });
});

describe("the witness's decision", () => {
  const decide = (body: string, latest?: WitnessedCheckpoint) => decideAddCheckpoint(body, logs, () => latest);
  const request = (oldSize: number, size: number, note = signed(size, t.root(size)), proof?: Uint8Array[]) =>
    formatAddCheckpointRequest({
      oldSize,
      proof: proof ?? (oldSize === 0 || oldSize === size ? [] : consistencyProof(oldSize, size, t.read)),
      checkpoint: note,
    });

  it('cosigns a first checkpoint from old 0, and a consistent extension', () => {
    expect(decide(request(0, 10)).status).toBe(200);
    expect(decide(request(10, 25), at(10)).status).toBe(200);
    expect(decide(request(25, 25), at(25)).status).toBe(200);
  });

  it('answers 404 for an unknown origin and 403 without a valid log signature', () => {
    expect(decide(request(0, 5, signed(5, t.root(5), 'other.example/log'))).status).toBe(404);
    const { privateKey: stranger } = generateKeyPairSync('ed25519');
    const forged = signNote(formatCheckpoint({ origin: ORIGIN, size: 5, rootHash: t.root(5) }), ORIGIN, stranger);
    expect(decide(request(0, 5, forged)).status).toBe(403);
  });

  it('answers 400 for an old size beyond the checkpoint, and for a malformed body', () => {
    expect(decide(request(10, 5, signed(5, t.root(5)), [])).status).toBe(400);
    expect(decide('old 1\n').status).toBe(400);
  });

  it('answers 409 with its own size when the old size differs, and for another root at the same size', () => {
    expect(decide(request(0, 20), at(10))).toMatchObject({ status: 409, size: 10 });
    expect(decide(request(5, 20), at(10))).toMatchObject({ status: 409, size: 10 });
    expect(decide(request(10, 20))).toMatchObject({ status: 409, size: 0 });
    const other = tree(40, 'rewritten');
    expect(decide(request(10, 10, signed(10, other.root(10))), at(10))).toMatchObject({ status: 409, size: 10 });
  });

  it('answers 422 for a proof that does not verify, and for rewritten history', () => {
    const proof = consistencyProof(10, 20, t.read);
    proof[0] = new Uint8Array(32);
    expect(decide(request(10, 20, undefined, proof), at(10)).status).toBe(422);
    // A log that rewrote its first ten entries proves consistency with its own history, not the witnessed one.
    const other = tree(40, 'rewritten');
    const rewritten = formatAddCheckpointRequest({
      oldSize: 10,
      proof: consistencyProof(10, 20, other.read),
      checkpoint: signed(20, other.root(20)),
    });
    expect(decide(rewritten, at(10)).status).toBe(422);
  });

  it('property: every honest extension is cosigned, and a proof with one flipped bit never is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), fc.integer({ min: 1, max: 40 }), fc.nat(), (a, b, flip) => {
        const [oldSize, size] = a < b ? [a, b] : [b, a === b ? b : a];
        if (oldSize === size) return;
        expect(decide(request(oldSize, size), at(oldSize)).status).toBe(200);
        const proof = consistencyProof(oldSize, size, t.read).map((h) => Uint8Array.from(h));
        const hash = proof[flip % proof.length]!;
        hash[flip % 32] = hash[flip % 32]! ^ 1;
        expect(decide(request(oldSize, size, undefined, proof), at(oldSize)).status).toBe(422);
      }),
      { numRuns: 60 },
    );
  });
});
