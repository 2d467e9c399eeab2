import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendReads,
  consistencyProof,
  consistencyProofReads,
  emptyTreeRoot,
  HASH_SIZE,
  inclusionProof,
  inclusionProofReads,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  rootFromStoredHashes,
  rootReads,
  storedHashesForAppend,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
  type SubtreeCoordinate,
} from './merkle';

// ---------------------------------------------------------------------------------------------
// A naive RFC 6962 §2.1 reference, written from the RFC's recursive definitions and sharing no code
// with merkle.ts, so the two implementations check each other.

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};
const naiveLeaf = (entry: Uint8Array) => sha256(Buffer.from([0]), entry);
const naiveNode = (l: Uint8Array, r: Uint8Array) => sha256(Buffer.from([1]), l, r);
const splitPoint = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

function naiveMth(entries: readonly Uint8Array[]): Buffer {
  if (entries.length === 0) return sha256();
  if (entries.length === 1) return naiveLeaf(entries[0]!);
  const k = splitPoint(entries.length);
  return naiveNode(naiveMth(entries.slice(0, k)), naiveMth(entries.slice(k)));
}

function naivePath(m: number, entries: readonly Uint8Array[]): Buffer[] {
  if (entries.length === 1) return [];
  const k = splitPoint(entries.length);
  return m < k
    ? [...naivePath(m, entries.slice(0, k)), naiveMth(entries.slice(k))]
    : [...naivePath(m - k, entries.slice(k)), naiveMth(entries.slice(0, k))];
}

function naiveSubproof(m: number, entries: readonly Uint8Array[], b: boolean): Buffer[] {
  if (m === entries.length) return b ? [] : [naiveMth(entries)];
  const k = splitPoint(entries.length);
  return m <= k
    ? [...naiveSubproof(m, entries.slice(0, k), b), naiveMth(entries.slice(k))]
    : [...naiveSubproof(m - k, entries.slice(k), false), naiveMth(entries.slice(0, k))];
}

// ---------------------------------------------------------------------------------------------
// Storage as the log will have it: complete-subtree hashes keyed by (level, index), filled only
// through storedHashesForAppend, with a reader that counts and checks what it is asked for.

class HashStore {
  readonly hashes = new Map<string, Uint8Array>();
  readsMade: SubtreeCoordinate[] = [];
  size = 0;

  readonly read: HashReader = (level, index) => {
    this.readsMade.push({ level, index });
    const hash = this.hashes.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`no stored hash at level ${level}, index ${index}`);
    return hash;
  };

  append(entry: Uint8Array): void {
    for (const stored of storedHashesForAppend(this.size, leafHash(entry), this.read)) {
      const key = `${stored.level}/${stored.index}`;
      if (this.hashes.has(key)) throw new Error(`append overwrote ${key}`);
      this.hashes.set(key, stored.hash);
    }
    this.size++;
  }

  counting<T>(compute: () => T): { result: T; reads: SubtreeCoordinate[] } {
    this.readsMade = [];
    const result = compute();
    return { result, reads: this.readsMade };
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const hexes = (list: readonly Uint8Array[]) => list.map(hex);
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const entryFor = (i: number) => new TextEncoder().encode(`entry ${i}`);
const bitLength = (n: number) => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

function storeOf(size: number): { store: HashStore; entries: Uint8Array[] } {
  const store = new HashStore();
  const entries = Array.from({ length: size }, (_, i) => entryFor(i));
  entries.forEach((entry) => store.append(entry));
  return { store, entries };
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

const BIG = storeOf(300);

// ---------------------------------------------------------------------------------------------
// Known answers: the RFC 6962 test tree used by Certificate Transparency and transparency-dev/merkle.

const RFC6962_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);

const RFC6962_LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];

const RFC6962_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const RFC6962_INCLUSION_PROOFS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const RFC6962_CONSISTENCY_PROOFS: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

describe('RFC 6962 known answers', () => {
  const rfcStore = new HashStore();
  RFC6962_ENTRIES.forEach((entry) => rfcStore.append(entry));

  it('hashes the empty tree to SHA-256 of the empty string', () => {
    expect(hex(emptyTreeRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootFromLeafHashes([]))).toBe(hex(emptyTreeRoot()));
    expect(hex(rootFromStoredHashes(0, rfcStore.read))).toBe(hex(emptyTreeRoot()));
    expect(hex(naiveMth([]))).toBe(hex(emptyTreeRoot()));
  });

  it.each(RFC6962_ENTRIES.map((entry, i) => [i, entry] as const))('leaf %i hashes as published', (i, entry) => {
    expect(hex(leafHash(entry))).toBe(RFC6962_LEAF_HASHES[i]);
    expect(hex(naiveLeaf(entry))).toBe(RFC6962_LEAF_HASHES[i]);
  });

  it.each(RFC6962_ROOTS.map((root, i) => [i + 1, root] as const))('root of size %i is %s', (size, root) => {
    const entries = RFC6962_ENTRIES.slice(0, size);
    expect(hex(naiveMth(entries))).toBe(root);
    expect(hex(rootFromLeafHashes(entries.map(leafHash)))).toBe(root);
    expect(hex(rootFromStoredHashes(size, rfcStore.read))).toBe(root);
  });

  it.each(RFC6962_INCLUSION_PROOFS)('inclusion proof of leaf $index in size $size', ({ index, size, proof }) => {
    const entries = RFC6962_ENTRIES.slice(0, size);
    expect(hexes(naivePath(index, entries))).toEqual(proof);
    expect(hexes(inclusionProof(index, size, rfcStore.read))).toEqual(proof);
    const root = unhex(RFC6962_ROOTS[size - 1]!);
    expect(verifyInclusion(leafHash(RFC6962_ENTRIES[index]!), index, size, proof.map(unhex), root)).toBe(true);
  });

  it.each(RFC6962_CONSISTENCY_PROOFS)(
    'consistency proof from size $oldSize to $newSize',
    ({ oldSize, newSize, proof }) => {
      expect(hexes(naiveSubproof(oldSize, RFC6962_ENTRIES.slice(0, newSize), true))).toEqual(proof);
      expect(hexes(consistencyProof(oldSize, newSize, rfcStore.read))).toEqual(proof);
      const oldRoot = unhex(RFC6962_ROOTS[oldSize - 1]!);
      const newRoot = unhex(RFC6962_ROOTS[newSize - 1]!);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.map(unhex))).toBe(true);
    },
  );

  it('rejects the published proofs against the wrong root', () => {
    const proof = RFC6962_INCLUSION_PROOFS[1]!.proof.map(unhex);
    expect(verifyInclusion(leafHash(RFC6962_ENTRIES[0]!), 0, 8, proof, unhex(RFC6962_ROOTS[6]!))).toBe(false);
    const consistency = RFC6962_CONSISTENCY_PROOFS[2]!.proof.map(unhex);
    expect(verifyConsistency(6, 8, unhex(RFC6962_ROOTS[4]!), unhex(RFC6962_ROOTS[7]!), consistency)).toBe(false);
  });
});

describe('stored complete-subtree hashes', () => {
  it('are exactly the complete subtrees, each equal to the naive MTH of its leaves', () => {
    const { store, entries } = BIG;
    let expected = 0;
    for (let level = 0; 2 ** level <= store.size; level++) {
      const width = 2 ** level;
      for (let index = 0; (index + 1) * width <= store.size; index++) {
        expected++;
        const hash = store.hashes.get(`${level}/${index}`);
        expect(hash && hex(hash), `level ${level} index ${index}`).toBe(
          hex(naiveMth(entries.slice(index * width, (index + 1) * width))),
        );
      }
    }
    expect(store.hashes.size).toBe(expected);
  });

  it('cost one write plus one per subtree the append completes, like Go tlog.StoredHashCount', () => {
    // Go: stored hashes for n records = 2n - popcount(n).
    const popcount = (n: number) => n.toString(2).replaceAll('0', '').length;
    const store = new HashStore();
    for (let n = 0; n < 300; n++) {
      const { result, reads } = store.counting(() => storedHashesForAppend(n, leafHash(entryFor(n)), store.read));
      expect(reads).toEqual(appendReads(n));
      expect(result).toHaveLength(1 + appendReads(n).length);
      expect(result.map(({ level }) => level)).toEqual(result.map((_, i) => i));
      store.append(entryFor(n));
      expect(store.hashes.size).toBe(2 * (n + 1) - popcount(n + 1));
    }
  });

  it('lists the reads an append needs: the left siblings of each completed subtree', () => {
    expect(appendReads(0)).toEqual([]);
    expect(appendReads(6)).toEqual([]);
    expect(appendReads(7)).toEqual([
      { level: 0, index: 6 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
    expect(appendReads(2 ** 40 - 1)).toHaveLength(40);
  });

  it('give the naive root for every size up to 300', () => {
    const { store, entries } = BIG;
    for (let size = 0; size <= store.size; size++) {
      const { result, reads } = store.counting(() => rootFromStoredHashes(size, store.read));
      expect(hex(result), `size ${size}`).toBe(hex(naiveMth(entries.slice(0, size))));
      expect(reads).toEqual(rootReads(size));
      expect(reads.length).toBe(size.toString(2).replaceAll('0', '').length);
    }
  });

  it('root from leaf hashes agrees with the naive MTH', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 }), (entries) => {
        expect(hex(rootFromLeafHashes(entries.map(leafHash)))).toBe(hex(naiveMth(entries)));
      }),
    );
  });
});

describe('inclusion proofs', () => {
  it('match RFC 9162 PATH and verify for every leaf of every tree up to size 40', () => {
    const { store, entries } = BIG;
    for (let size = 1; size <= 40; size++) {
      const root = naiveMth(entries.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, store.read);
        expect(hexes(proof)).toEqual(hexes(naivePath(index, entries.slice(0, size))));
        expect(verifyInclusion(leafHash(entries[index]!), index, size, proof, root)).toBe(true);
      }
    }
  });

  it('verify for random leaves of trees up to size 300, in O(log n) reads', () => {
    const { store, entries } = BIG;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
        ([size, index]) => {
          const { result: proof, reads } = store.counting(() => inclusionProof(index, size, store.read));
          expect(reads).toEqual(inclusionProofReads(index, size));
          expect(reads.length).toBeLessThanOrEqual(2 * bitLength(size));
          expect(hexes(proof)).toEqual(hexes(naivePath(index, entries.slice(0, size))));
          const root = rootFromStoredHashes(size, store.read);
          expect(verifyInclusion(leafHash(entries[index]!), index, size, proof, root)).toBe(true);
        },
      ),
    );
  });

  it('fail when the entry, a proof hash, the root or the index is changed, or the proof is cut or padded', () => {
    const { store, entries } = BIG;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
        fc.nat(),
        fc.nat(),
        ([size, index], at, bit) => {
          const proof = inclusionProof(index, size, store.read);
          const root = rootFromStoredHashes(size, store.read);
          const entry = entries[index]!;
          const leaf = leafHash(entry);

          const changedEntry = new Uint8Array([...entry, 0]);
          expect(verifyInclusion(leafHash(flipBit(entry, bit)), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leafHash(changedEntry), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof, flipBit(root, bit))).toBe(false);
          if (proof.length > 0) {
            const tampered = proof.map((hash, i) => (i === at % proof.length ? flipBit(hash, bit) : hash));
            expect(verifyInclusion(leaf, index, size, tampered, root)).toBe(false);
            expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, index, size, [...proof, leaf], root)).toBe(false);
          if (size > 1) {
            const otherIndex = (index + 1 + (at % (size - 1))) % size;
            expect(verifyInclusion(leaf, otherIndex, size, proof, root)).toBe(false);
          }
        },
      ),
    );
  });

  it('reject malformed input instead of throwing', () => {
    const { store, entries } = BIG;
    const proof = inclusionProof(3, 10, store.read);
    const root = rootFromStoredHashes(10, store.read);
    const leaf = leafHash(entries[3]!);
    expect(verifyInclusion(leaf, 3, 10, proof, root)).toBe(true);
    expect(verifyInclusion(leaf, 10, 10, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, -1, 10, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 3.5, 10, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 3, Number.NaN, proof, root)).toBe(false);
    expect(verifyInclusion(leaf.subarray(1), 3, 10, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 3, 10, proof, root.subarray(0, 31))).toBe(false);
    expect(verifyInclusion(leaf, 3, 10, [proof[0]!, new Uint8Array(33), ...proof.slice(2)], root)).toBe(false);
  });

  it('refuse to prove a leaf outside the tree', () => {
    expect(() => inclusionProof(5, 5, BIG.store.read)).toThrow(RangeError);
    expect(() => inclusionProof(-1, 5, BIG.store.read)).toThrow(RangeError);
    expect(() => inclusionProofReads(0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(0, 1.5, BIG.store.read)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it('match RFC 9162 PROOF and verify between every pair of sizes up to 40', () => {
    const { store, entries } = BIG;
    for (let newSize = 1; newSize <= 40; newSize++) {
      const newRoot = naiveMth(entries.slice(0, newSize));
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = consistencyProof(oldSize, newSize, store.read);
        expect(hexes(proof)).toEqual(hexes(naiveSubproof(oldSize, entries.slice(0, newSize), true)));
        const oldRoot = naiveMth(entries.slice(0, oldSize));
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof), `${oldSize} → ${newSize}`).toBe(true);
      }
    }
  });

  it('verify between random sizes up to 300, in O(log n) reads', () => {
    const { store } = BIG;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([oldSize, newSize]) => {
          const { result: proof, reads } = store.counting(() => consistencyProof(oldSize, newSize, store.read));
          expect(reads).toEqual(consistencyProofReads(oldSize, newSize));
          expect(reads.length).toBeLessThanOrEqual(2 * bitLength(newSize));
          const oldRoot = rootFromStoredHashes(oldSize, store.read);
          const newRoot = rootFromStoredHashes(newSize, store.read);
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
        },
      ),
    );
  });

  it('fail when a proof hash or either root is changed, or the proof is cut or padded', () => {
    const { store } = BIG;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n))),
        fc.nat(),
        fc.nat(),
        ([oldSize, newSize], at, bit) => {
          const proof = consistencyProof(oldSize, newSize, store.read);
          const oldRoot = rootFromStoredHashes(oldSize, store.read);
          const newRoot = rootFromStoredHashes(newSize, store.read);
          const tampered = proof.map((hash, i) => (i === at % proof.length ? flipBit(hash, bit) : hash));
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, tampered)).toBe(false);
          expect(verifyConsistency(oldSize, newSize, flipBit(oldRoot, bit), newRoot, proof)).toBe(false);
          expect(verifyConsistency(oldSize, newSize, oldRoot, flipBit(newRoot, bit), proof)).toBe(false);
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
          expect(verifyConsistency(newSize, oldSize, newRoot, oldRoot, proof)).toBe(false);
        },
      ),
    );
  });

  it('treat equal sizes and the empty tree as needing no proof', () => {
    const { store } = BIG;
    const root7 = rootFromStoredHashes(7, store.read);
    expect(consistencyProof(7, 7, store.read)).toEqual([]);
    expect(consistencyProof(0, 7, store.read)).toEqual([]);
    expect(consistencyProofReads(0, 7)).toEqual([]);
    expect(verifyConsistency(7, 7, root7, root7, [])).toBe(true);
    expect(verifyConsistency(7, 7, root7, flipBit(root7, 0), [])).toBe(false);
    expect(verifyConsistency(7, 7, root7, root7, [root7])).toBe(false);
    expect(verifyConsistency(0, 7, emptyTreeRoot(), root7, [])).toBe(true);
    expect(verifyConsistency(0, 0, emptyTreeRoot(), emptyTreeRoot(), [])).toBe(true);
    expect(verifyConsistency(0, 7, root7, root7, [])).toBe(false);
    expect(verifyConsistency(0, 7, emptyTreeRoot(), root7, [root7])).toBe(false);
  });

  it('reject malformed input instead of throwing', () => {
    const { store } = BIG;
    const proof = consistencyProof(3, 10, store.read);
    const oldRoot = rootFromStoredHashes(3, store.read);
    const newRoot = rootFromStoredHashes(10, store.read);
    expect(verifyConsistency(3, 10, oldRoot, newRoot, proof)).toBe(true);
    expect(verifyConsistency(3, 10, oldRoot, newRoot, [])).toBe(false);
    expect(verifyConsistency(-3, 10, oldRoot, newRoot, proof)).toBe(false);
    expect(verifyConsistency(3, 10.5, oldRoot, newRoot, proof)).toBe(false);
    expect(verifyConsistency(3, 10, oldRoot.subarray(1), newRoot, proof)).toBe(false);
    expect(verifyConsistency(3, 10, oldRoot, newRoot, [new Uint8Array(31), ...proof.slice(1)])).toBe(false);
    expect(() => consistencyProof(4, 3, store.read)).toThrow(RangeError);
  });
});

describe('beyond 32-bit tree sizes', () => {
  // Every leaf of this virtual tree has the same hash, so a complete subtree's hash depends only on
  // its level; the reader still checks that each requested subtree lies inside the tree.
  const levelHashes = [leafHash(new Uint8Array([42]))];
  for (let level = 1; level <= 53; level++)
    levelHashes.push(nodeHash(levelHashes[level - 1]!, levelHashes[level - 1]!));
  const readerFor =
    (size: number): HashReader =>
    (level, index) => {
      if (!Number.isSafeInteger(index) || index < 0 || (index + 1) * 2 ** level > size) {
        throw new Error(`subtree ${level}/${index} is outside a tree of size ${size}`);
      }
      return levelHashes[level]!;
    };

  it('prove and verify inclusion and consistency with sizes up to 2^52', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2 ** 32, max: 2 ** 52 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (size, indexFraction, oldFraction) => {
          const index = Math.min(size - 1, Math.floor(indexFraction * size));
          const oldSize = Math.max(1, Math.min(size, Math.floor(oldFraction * size)));
          const read = readerFor(size);
          const root = rootFromStoredHashes(size, read);
          const oldRoot = rootFromStoredHashes(oldSize, readerFor(oldSize));
          const proof = inclusionProof(index, size, read);
          expect(proof.length).toBeLessThanOrEqual(bitLength(size));
          expect(verifyInclusion(levelHashes[0]!, index, size, proof, root)).toBe(true);
          expect(verifyConsistency(oldSize, size, oldRoot, root, consistencyProof(oldSize, size, read))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('derives append reads without 32-bit truncation', () => {
    const index = 2 ** 33 + 2 ** 32 - 1;
    const reads = appendReads(index);
    expect(reads).toHaveLength(32);
    expect(reads[0]).toEqual({ level: 0, index: index - 1 });
    // index >> 31 is 5, so the level-31 subtree completed is the 5th and its left sibling the 4th.
    expect(reads[31]).toEqual({ level: 31, index: 4 });
  });
});

describe('hash primitives', () => {
  it('separate leaves from nodes with the 0x00 / 0x01 prefixes', () => {
    const a = unhex(RFC6962_LEAF_HASHES[0]!);
    const b = unhex(RFC6962_LEAF_HASHES[1]!);
    expect(hex(nodeHash(a, b))).toBe(RFC6962_ROOTS[1]);
    expect(hex(nodeHash(a, b))).toBe(hex(naiveNode(a, b)));
    expect(hex(leafHash(new Uint8Array([...a, ...b])))).not.toBe(hex(nodeHash(a, b)));
    expect(leafHash(new Uint8Array())).toHaveLength(HASH_SIZE);
  });

  it('refuse node inputs that are not 32-byte hashes', () => {
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(TypeError);
    expect(() => nodeHash(new Uint8Array(32), new Uint8Array(33))).toThrow(TypeError);
    expect(() => rootFromStoredHashes(3, () => new Uint8Array(16))).toThrow(/stored hash at level/);
  });
});
