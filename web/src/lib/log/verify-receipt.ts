/**
 * Checks a transparency-log receipt with WebCrypto only, so it runs in the visitor's browser and
 * trusts nothing the server computed: it hashes the entry itself, walks the inclusion proof
 * (RFC 9162 §2.1.3.2) up to the checkpoint's root, and checks the checkpoint's Ed25519 signature
 * (C2SP signed-note) against the verifier key. The server's own Node implementation is separate
 * on purpose: two implementations agreeing is part of the point.
 */

export interface EntryProof {
  index: number;
  entryText: string;
  leafHash: string;
  inclusionProof: string[];
  checkpoint: { size: number; rootHash: string; note: string };
}

export type StepName = 'leafHash' | 'expectedLeaf' | 'inclusion' | 'checkpointRoot' | 'signature';

export interface Step {
  name: StepName;
  ok: boolean;
  /** Values shown to the visitor, e.g. the hash computed here. */
  detail?: Record<string, string>;
}

export interface ReceiptCheck {
  ok: boolean;
  steps: Step[];
  /** The hashes combined on the way to the root, bottom-up, for display. */
  path: { side: 'left' | 'right'; sibling: string; result: string }[];
}

const encoder = new TextEncoder();

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

export const leafHashOf = (entry: Uint8Array) => sha256(new Uint8Array([0]), entry);
const nodeHashOf = (left: Uint8Array, right: Uint8Array) => sha256(new Uint8Array([1]), left, right);

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf and its audit path; null when the proof has the wrong length. */
export async function rootFromInclusionProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  onStep?: (side: 'left' | 'right', sibling: Uint8Array, result: Uint8Array) => void,
): Promise<Uint8Array | null> {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHashOf(p, r);
      onStep?.('left', p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHashOf(r, p);
      onStep?.('right', p, r);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** The C2SP key ID: first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
async function keyIdOf(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  return (await sha256(encoder.encode(name), new Uint8Array([0x0a, 0x01]), publicKey)).slice(0, 4);
}

/** Verifies a signed note (C2SP signed-note, Ed25519) against a verifier key `name+hexid+base64(0x01‖key)`. */
export async function verifyNoteSignature(
  note: string,
  verifierKey: string,
): Promise<{ ok: boolean; text: string | null }> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, text: null };
  const text = note.slice(0, split + 1);

  // name+hexid+base64: the base64 part may itself contain '+', so split only twice.
  const [name = '', idHex = '', ...rest] = verifierKey.trim().split('+');
  let typed: Uint8Array;
  try {
    typed = fromBase64(rest.join('+'));
  } catch {
    return { ok: false, text };
  }
  if (!name || typed.length !== 33 || typed[0] !== 0x01) return { ok: false, text };
  const publicKey = typed.slice(1);
  const keyId = await keyIdOf(name, publicKey);
  if (Array.from(keyId, (b) => b.toString(16).padStart(2, '0')).join('') !== idHex.toLowerCase())
    return { ok: false, text };
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  for (const line of note.slice(split + 2).split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    let signature: Uint8Array;
    try {
      signature = fromBase64(match[2]!);
    } catch {
      continue;
    }
    if (signature.length !== 68 || !equal(signature.slice(0, 4), keyId)) continue;
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.slice(4), encoder.encode(text)))
      return { ok: true, text };
  }
  return { ok: false, text };
}

/**
 * Runs every check on a receipt. `expectedLeafHash` is the one printed on the certificate or
 * register row, if the visitor has it; the entry must hash to it.
 */
export async function checkReceipt(
  proof: EntryProof,
  verifierKey: string,
  expectedLeafHash?: string,
): Promise<ReceiptCheck> {
  const steps: Step[] = [];
  const path: ReceiptCheck['path'] = [];
  const leaf = await leafHashOf(encoder.encode(proof.entryText));
  const leafB64 = toBase64(leaf);
  steps.push({
    name: 'leafHash',
    ok: leafB64 === proof.leafHash,
    detail: { computed: leafB64, served: proof.leafHash },
  });
  if (expectedLeafHash)
    steps.push({
      name: 'expectedLeaf',
      ok: leafB64 === expectedLeafHash.trim(),
      detail: { expected: expectedLeafHash.trim() },
    });

  const root = await rootFromInclusionProof(
    leaf,
    proof.index,
    proof.checkpoint.size,
    proof.inclusionProof.map(fromBase64),
    (side, sibling, result) => path.push({ side, sibling: toBase64(sibling), result: toBase64(result) }),
  );
  const rootB64 = root ? toBase64(root) : '';
  steps.push({
    name: 'inclusion',
    ok: root !== null && rootB64 === proof.checkpoint.rootHash,
    detail: { computed: rootB64, checkpoint: proof.checkpoint.rootHash },
  });

  const signed = await verifyNoteSignature(proof.checkpoint.note, verifierKey);
  const lines = signed.text?.split('\n') ?? [];
  steps.push({
    name: 'checkpointRoot',
    ok: lines[1] === String(proof.checkpoint.size) && lines[2] === proof.checkpoint.rootHash,
    detail: { size: lines[1] ?? '', root: lines[2] ?? '' },
  });
  steps.push({ name: 'signature', ok: signed.ok, detail: { key: verifierKey.trim() } });
  return { ok: steps.every((s) => s.ok), steps, path };
}
