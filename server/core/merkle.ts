/**
 * The RFC 6962 / RFC 9162 Merkle tree of the transparency log, computed from stored subtree hashes.
 *
 * The log keeps, for every level L, the hash of each *complete* subtree of 2^L leaves: level 0 holds
 * the leaf hashes, and hash i at level L covers leaves [i·2^L, (i+1)·2^L). These never change once
 * written, which is what makes tiles cacheable forever, and any root or proof for any tree size can
 * be assembled from O(log n) of them: a range that is not a complete subtree (only ever the right
 * edge of a tree) splits into at most log n complete ones.
 *
 * Every function that reads stored hashes has a `…Reads` twin listing the coordinates it will read,
 * so a caller whose storage is asynchronous can fetch them in one batch and then compute
 * synchronously from a map.
 */
import { createHash } from 'node:crypto';

/** Bytes in a SHA-256 hash, and so in every leaf, node and root hash of the tree. */
export const HASH_SIZE = 32;

/** Position of a complete subtree: `index`-th run of 2^`level` leaves. */
export interface SubtreeCoordinate {
  readonly level: number;
  readonly index: number;
}

export interface StoredHash extends SubtreeCoordinate {
  readonly hash: Uint8Array;
}

/** Returns the stored hash of a complete subtree; it may throw if the hash is not stored. */
export type HashReader = (level: number, index: number) => Uint8Array;

/** RFC 6962 §2.1: leaf hash = SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** RFC 6962 §2.1: interior node hash = SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left');
  assertHash(right, 'right');
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyTreeRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** Merkle Tree Hash of a whole list of leaf hashes, straight from RFC 6962 §2.1's definition (O(n)). */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyTreeRoot();
  hashes.forEach((hash, i) => assertHash(hash, `leaf hash ${i}`));
  const mth = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return hashes[lo]!;
    const k = largestPowerOfTwoBelow(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return mth(0, hashes.length);
}

/** The stored hashes {@link rootFromStoredHashes} reads for a tree of `size` leaves. */
export function rootReads(size: number): SubtreeCoordinate[] {
  assertCount(size, 'size');
  return completeSubtrees(0, size);
}

/** Root hash of the tree of the first `size` leaves, from at most log2(size)+1 stored hashes. */
export function rootFromStoredHashes(size: number, read: HashReader): Uint8Array {
  assertCount(size, 'size');
  return size === 0 ? emptyTreeRoot() : rangeHash({ lo: 0, hi: size }, read);
}

/** The stored hashes {@link inclusionProof} reads. */
export function inclusionProofReads(index: number, size: number): SubtreeCoordinate[] {
  assertLeafIndex(index, size);
  return inclusionRanges(index, size).flatMap(({ lo, hi }) => completeSubtrees(lo, hi));
}

/**
 * RFC 9162 §2.1.3.1 inclusion proof (audit path) of leaf `index` in the tree of `size` leaves,
 * ordered from the leaf's sibling up to the root's child, as {@link verifyInclusion} and Go's
 * `tlog.CheckRecord` expect.
 */
export function inclusionProof(index: number, size: number, read: HashReader): Uint8Array[] {
  assertLeafIndex(index, size);
  return inclusionRanges(index, size).map((range) => rangeHash(range, read));
}

/** The stored hashes {@link consistencyProof} reads. */
export function consistencyProofReads(oldSize: number, newSize: number): SubtreeCoordinate[] {
  assertSizes(oldSize, newSize);
  return consistencyRanges(oldSize, newSize).flatMap(({ lo, hi }) => completeSubtrees(lo, hi));
}

/**
 * RFC 9162 §2.1.4.1 consistency proof that the tree of `oldSize` leaves is a prefix of the tree of
 * `newSize` leaves. Empty when the sizes are equal or `oldSize` is 0, since there is nothing to prove.
 */
export function consistencyProof(oldSize: number, newSize: number, read: HashReader): Uint8Array[] {
  assertSizes(oldSize, newSize);
  return consistencyRanges(oldSize, newSize).map((range) => rangeHash(range, read));
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show the leaf with hash `leaf` at `index` in the tree of `size`
 * leaves with root `root`? Malformed input of any kind is simply a failed verification.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isCount(index) || !isCount(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;

  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `oldSize` leaves with root `oldRoot` is a
 * prefix of the tree of `newSize` leaves with root `newRoot`?
 *
 * Equal sizes need an empty proof and equal roots. Size 0 needs an empty proof and the empty-tree
 * root, as every tree extends the empty one (RFC 9162 leaves this case open; this follows
 * transparency-dev/merkle).
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && equalBytes(oldRoot, emptyTreeRoot());
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}

/** The stored hashes {@link storedHashesForAppend} reads: the left siblings the new leaf completes. */
export function appendReads(index: number): SubtreeCoordinate[] {
  assertCount(index, 'index');
  const reads: SubtreeCoordinate[] = [];
  for (let level = 0, n = index; isOdd(n); level++, n = half(n)) reads.push({ level, index: n - 1 });
  return reads;
}

/**
 * The stored hashes to write when appending the leaf with hash `leaf` at position `index` (the current
 * tree size): the leaf hash itself plus one hash per complete subtree the append finishes, in
 * ascending level. This is Go's `tlog.StoredHashesForRecordHash`, and costs O(log n) reads.
 */
export function storedHashesForAppend(index: number, leaf: Uint8Array, read: HashReader): StoredHash[] {
  assertHash(leaf, 'leaf');
  const stored: StoredHash[] = [{ level: 0, index, hash: leaf }];
  let hash = leaf;
  for (const sibling of appendReads(index)) {
    hash = nodeHash(readStored(read, sibling), hash);
    stored.push({ level: sibling.level + 1, index: half(sibling.index), hash });
  }
  return stored;
}

interface LeafRange {
  readonly lo: number;
  readonly hi: number;
}

/** The subtree ranges whose hashes form PATH(index, D[0:size]), bottom-up. */
function inclusionRanges(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (index < mid) {
      ranges.push({ lo: mid, hi });
      hi = mid;
    } else {
      ranges.push({ lo, hi: mid });
      lo = mid;
    }
  }
  return ranges.reverse();
}

/** The subtree ranges whose hashes form PROOF(oldSize, D[0:newSize]), bottom-up. */
function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  if (oldSize === 0 || oldSize === newSize) return [];
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = newSize;
  // RFC 9162's SUBPROOF flag: the old root need not be sent while it is a complete subtree the
  // verifier already holds, i.e. until the recursion first moves right.
  let oldRootKnown = true;
  while (oldSize !== hi) {
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (oldSize <= mid) {
      ranges.push({ lo: mid, hi });
      hi = mid;
    } else {
      ranges.push({ lo, hi: mid });
      lo = mid;
      oldRootKnown = false;
    }
  }
  if (!oldRootKnown) ranges.push({ lo, hi });
  return ranges.reverse();
}

/**
 * Splits [lo, hi) into complete subtrees, largest first. Only ranges that occur in RFC 6962 trees
 * are valid: `lo` is a multiple of a power of two at least as large as the range.
 */
function completeSubtrees(lo: number, hi: number): SubtreeCoordinate[] {
  const subtrees: SubtreeCoordinate[] = [];
  while (lo < hi) {
    let level = 0;
    let width = 1;
    while (width * 2 <= hi - lo) {
      width *= 2;
      level++;
    }
    if (lo % width !== 0) throw new Error(`merkle: [${lo}, ${hi}) is not a tree range`);
    subtrees.push({ level, index: lo / width });
    lo += width;
  }
  return subtrees;
}

/** MTH of a tree range: its complete subtrees folded right to left, as the RFC's recursion does. */
function rangeHash(range: LeafRange, read: HashReader): Uint8Array {
  const hashes = completeSubtrees(range.lo, range.hi).map((at) => readStored(read, at));
  let hash = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i]!, hash);
  return hash;
}

function readStored(read: HashReader, { level, index }: SubtreeCoordinate): Uint8Array {
  const hash = read(level, index);
  assertHash(hash, `stored hash at level ${level}, index ${index}`);
  return hash;
}

/** The largest power of two strictly less than n (n ≥ 2): RFC 6962's split point k. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Sizes may exceed 2^32, so no bitwise operators: they would truncate to 32 bits.
function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(hash: Uint8Array): boolean {
  return hash instanceof Uint8Array && hash.length === HASH_SIZE;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function assertHash(hash: Uint8Array, what: string): void {
  if (!isHash(hash)) throw new TypeError(`merkle: ${what} must be a ${HASH_SIZE}-byte hash`);
}

function assertCount(n: number, what: string): void {
  if (!isCount(n)) throw new RangeError(`merkle: ${what} must be a non-negative safe integer, got ${n}`);
}

function assertLeafIndex(index: number, size: number): void {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new RangeError(`merkle: leaf ${index} is not in a tree of size ${size}`);
}

function assertSizes(oldSize: number, newSize: number): void {
  assertCount(oldSize, 'old size');
  assertCount(newSize, 'new size');
  if (oldSize > newSize) throw new RangeError(`merkle: old size ${oldSize} exceeds new size ${newSize}`);
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
