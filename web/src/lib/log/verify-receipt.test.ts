import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../../../../server/core/checkpoint';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../../../../server/core/merkle';
import {
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  parseSignerKey,
  signNote,
  verifierKey,
} from '../../../../server/core/signed-note';
import { generateLogSignerKey } from '../../../../server/modules/log/log-key';
import { checkReceipt, rootFromInclusionProof, verifyNoteSignature, type EntryProof } from './verify-receipt';

const signer = parseSignerKey(generateLogSignerKey('verify.test/log'));
const key = verifierKey(signer.name, ed25519PublicKeyBytes(signer.privateKey));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A receipt made by the server's own (Node) implementation, for the browser's to check. */
function receipt(entries: string[], index: number): EntryProof {
  const leaves = entries.map((e) => leafHash(Buffer.from(e)));
  const root = rootFromLeafHashes(leaves);
  const size = entries.length;
  const proof = inclusionProof(index, size, (level, i) =>
    rootFromLeafHashes(leaves.slice(i * 2 ** level, (i + 1) * 2 ** level)),
  );
  return {
    index,
    entryText: entries[index]!,
    leafHash: b64(leaves[index]!),
    inclusionProof: proof.map(b64),
    checkpoint: {
      size,
      rootHash: b64(root),
      note: signNote(formatCheckpoint({ origin: signer.name, size, rootHash: root }), signer.name, signer.privateKey),
    },
  };
}

const entries = Array.from({ length: 13 }, (_, i) => JSON.stringify({ type: 'test', i, name: 'Əliyev Алиев' }));

describe('checkReceipt (WebCrypto) against the server’s Node implementation', () => {
  it('accepts every genuine receipt', async () => {
    for (let i = 0; i < entries.length; i++) {
      const check = await checkReceipt(receipt(entries, i), key, receipt(entries, i).leafHash);
      expect(check.steps.filter((s) => !s.ok)).toEqual([]);
      expect(check.ok).toBe(true);
    }
  });

  it('finds the same root as the Node implementation for any tree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 70 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
        async ([size, index]) => {
          const r = receipt(
            Array.from({ length: size }, (_, i) => `e${i}`),
            index,
          );
          const root = await rootFromInclusionProof(
            leafHash(Buffer.from(r.entryText)),
            index,
            size,
            r.inclusionProof.map((p) => Buffer.from(p, 'base64')),
          );
          expect(root && b64(root)).toBe(r.checkpoint.rootHash);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads every verifier key, including those whose base64 holds "+" or "/"', async () => {
    let withPlus = 0;
    for (let seed = 0; seed < 64; seed++) {
      const privateKey = ed25519PrivateKeyFromSeed(new Uint8Array(32).fill(seed));
      const k = verifierKey('seeded.test/log', ed25519PublicKeyBytes(privateKey));
      if (k.split('+').length > 3) withPlus += 1;
      const note = signNote('seeded.test/log\n1\nAAAA\n', 'seeded.test/log', privateKey);
      expect((await verifyNoteSignature(note, k)).ok, k).toBe(true);
    }
    expect(withPlus).toBeGreaterThan(0);
  });

  it('rejects an altered entry, proof, root, note or key, naming the failed step', async () => {
    const good = receipt(entries, 5);
    const failed = async (r: EntryProof, k = key, expected?: string) =>
      (await checkReceipt(r, k, expected)).steps.filter((s) => !s.ok).map((s) => s.name);
    expect(await failed({ ...good, entryText: good.entryText.replace('5', '6') })).toContain('inclusion');
    expect(
      await failed({
        ...good,
        inclusionProof: [good.inclusionProof[1]!, good.inclusionProof[0]!, ...good.inclusionProof.slice(2)],
      }),
    ).toContain('inclusion');
    expect(await failed({ ...good, index: 4 })).toContain('inclusion');
    expect(
      await failed({
        ...good,
        checkpoint: { ...good.checkpoint, note: good.checkpoint.note.replace(`\n13\n`, '\n14\n') },
      }),
    ).toContain('signature');
    const other = parseSignerKey(generateLogSignerKey('verify.test/log'));
    expect(await failed(good, verifierKey(other.name, ed25519PublicKeyBytes(other.privateKey)))).toEqual(['signature']);
    expect(await failed(good, key, b64(leafHash(Buffer.from('something else'))))).toEqual(['expectedLeaf']);
  });
});
