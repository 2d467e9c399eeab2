/**
 * An independent check of a transparency log served in the C2SP tlog-tiles layout: it trusts
 * nothing the server computed, only the signed checkpoint, and rebuilds the tree from the entries.
 */
import { canonicalJson } from '../server/core/canonical-json';
import { parseCheckpoint, type Checkpoint } from '../server/core/checkpoint';
import { leafHash, nodeHash, rootFromStoredHashes, verifyConsistency, type HashReader } from '../server/core/merkle';
import { openNote, parseVerifierKey } from '../server/core/signed-note';
import {
  parseCosignerVerifierKey,
  splitNote,
  verifyCosignatures,
  type CosignerVerifier,
} from '../server/core/cosignature';
import {
  decodeEntryBundle,
  entriesPath,
  tilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  tileDataHashes,
} from '../server/core/tlog-tiles';

/** What a verifier remembers between runs, to prove the log only ever grew. */
export interface VerifierState {
  verifierKey: string;
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  state: VerifierState | null;
  entries: number;
}

export type Fetch = (
  url: string,
) => Promise<{ ok: boolean; status: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const equal = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** GET `<base>/log/<path>` as bytes; anything but 200 is an error naming the path. */
export function logGetter(baseUrl: string, fetchUrl: Fetch = (url) => fetch(url)) {
  const base = baseUrl.replace(/\/+$/, '');
  return async function get(path: string): Promise<Uint8Array> {
    const response = await fetchUrl(`${base}/log/${path}`);
    if (!response.ok) throw new Error(`GET /log/${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

export type SignedCheckpoint =
  | {
      ok: true;
      /** The key the checkpoint was checked against (pinned, remembered, or trusted on first use). */
      trustedKey: string;
      note: string;
      checkpoint: Checkpoint;
      /** What is wrong but did not stop the check (a changed key or origin). */
      problems: string[];
    }
  | { ok: false; problems: string[] };

/**
 * Steps 1 and 2 of a verification, shared by `verify-log` and the monitor: the key to trust (pinned,
 * remembered, or, on a first run only, the server's own) and the checkpoint signed with it.
 */
export async function fetchSignedCheckpoint(
  get: (path: string) => Promise<Uint8Array>,
  options: {
    verifierKey?: string | undefined;
    previous?: { verifierKey: string; origin: string } | undefined;
    /** Witnesses' cosignature/v1 verifier keys: at least `quorum` of them must have cosigned the checkpoint. */
    witnesses?: readonly string[] | undefined;
    /** How many of `witnesses` must have cosigned; all of them when not given. */
    quorum?: number | undefined;
  },
): Promise<SignedCheckpoint> {
  const problems: string[] = [];
  let servedKey: string;
  try {
    servedKey = Buffer.from(await get('verifier-key'))
      .toString('utf8')
      .trim();
  } catch (error) {
    return { ok: false, problems: [...problems, `cannot fetch the verifier key: ${(error as Error).message}`] };
  }
  const trustedKey = options.verifierKey ?? options.previous?.verifierKey ?? servedKey;
  if (servedKey !== trustedKey)
    problems.push(
      `the server now publishes a different verifier key (${servedKey}) from the pinned one (${trustedKey})`,
    );
  let verifier;
  try {
    verifier = parseVerifierKey(trustedKey);
  } catch (error) {
    return { ok: false, problems: [...problems, `the verifier key is malformed: ${(error as Error).message}`] };
  }

  let witnesses: CosignerVerifier[];
  try {
    witnesses = (options.witnesses ?? []).map((key) => parseCosignerVerifierKey(key));
  } catch (error) {
    return { ok: false, problems: [...problems, `a witness key is malformed: ${(error as Error).message}`] };
  }
  const quorum = options.quorum ?? witnesses.length;

  let note: string;
  let checkpoint: Checkpoint;
  let cosigned: number;
  try {
    note = Buffer.from(await get('checkpoint')).toString('utf8');
    const opened = openNote(note, [verifier]);
    checkpoint = parseCheckpoint(opened.text);
    cosigned = verifyCosignatures(opened.text, splitNote(note).signatureLines, witnesses).length;
  } catch (error) {
    return { ok: false, problems: [...problems, `the checkpoint does not verify: ${(error as Error).message}`] };
  }
  if (cosigned < quorum) {
    return {
      ok: false,
      problems: [
        ...problems,
        `the checkpoint has ${cosigned} valid cosignatures by the given witnesses, and ${quorum} are required`,
      ],
    };
  }
  if (checkpoint.origin !== verifier.name)
    problems.push(`checkpoint origin ${checkpoint.origin} differs from the key name ${verifier.name}`);
  if (options.previous && checkpoint.origin !== options.previous.origin)
    problems.push(`the log's origin changed from ${options.previous.origin}`);
  return { ok: true, trustedKey, note, checkpoint, problems };
}

/** Why an entry's bytes are not a well-formed entry (canonical JSON), or null when they are. */
export function entryTextProblem(entry: Uint8Array, index: number): string | null {
  const text = Buffer.from(entry).toString('utf8');
  try {
    return canonicalJson(JSON.parse(text)) === text ? null : `entry ${index} is not canonical JSON`;
  } catch {
    return `entry ${index} is not JSON`;
  }
}

export async function verifyLog(options: {
  baseUrl: string;
  /** The verifier key to trust; otherwise the one in the state; otherwise the server's, trusted on first use. */
  verifierKey?: string | undefined;
  previous?: VerifierState | undefined;
  /** Witnesses' cosignature/v1 verifier keys, and how many must have cosigned (default: all). */
  witnesses?: readonly string[] | undefined;
  quorum?: number | undefined;
  fetch?: Fetch;
}): Promise<VerifyResult> {
  const fetchUrl: Fetch = options.fetch ?? ((url) => fetch(url));
  const base = options.baseUrl.replace(/\/+$/, '');
  const problems: string[] = [];
  const fail = (message: string): VerifyResult => ({
    ok: false,
    problems: [...problems, message],
    state: null,
    entries: 0,
  });
  const get = logGetter(base, fetchUrl);

  // 1–2. The key and the signed checkpoint.
  const signed = await fetchSignedCheckpoint(get, options);
  if (!signed.ok) return { ok: false, problems: signed.problems, state: null, entries: 0 };
  const { trustedKey, note, checkpoint } = signed;
  problems.push(...signed.problems);
  const size = checkpoint.size;

  // 3. Every entry, from the entry bundles: canonical JSON, hashed here.
  const levels: Uint8Array[][] = [[]];
  for (let tile = 0; tile * TILE_WIDTH < size; tile++) {
    const width = Math.min(TILE_WIDTH, size - tile * TILE_WIDTH);
    let entries: Uint8Array[];
    try {
      entries = decodeEntryBundle(await get(entriesPath(tile, width)), width);
    } catch (error) {
      return fail(`entry bundle ${tile}: ${(error as Error).message}`);
    }
    entries.forEach((entry, i) => {
      const problem = entryTextProblem(entry, tile * TILE_WIDTH + i);
      if (problem) problems.push(problem);
      levels[0]!.push(leafHash(entry));
    });
  }

  // 4. Complete-subtree hashes, level by level, computed here from the leaves.
  for (let level = 1; levels[level - 1]!.length >= 2; level++) {
    const below = levels[level - 1]!;
    levels.push(
      Array.from({ length: Math.floor(below.length / 2) }, (_, i) => nodeHash(below[2 * i]!, below[2 * i + 1]!)),
    );
  }

  // 5. The served hash tiles must hold exactly those hashes.
  for (let tileLevel = 0; tileLevel * TILE_HEIGHT < levels.length; tileLevel++) {
    const hashes = levels[tileLevel * TILE_HEIGHT]!;
    for (let tile = 0; tile * TILE_WIDTH < hashes.length; tile++) {
      const width = Math.min(TILE_WIDTH, hashes.length - tile * TILE_WIDTH);
      try {
        const served = tileDataHashes(await get(tilePath(tileLevel, tile, width)));
        served.forEach((hash, i) => {
          if (!equal(hash, hashes[tile * TILE_WIDTH + i]!)) {
            problems.push(`tile ${tilePath(tileLevel, tile, width)} hash ${i} does not match the entries`);
          }
        });
      } catch (error) {
        problems.push(`tile ${tilePath(tileLevel, tile, width)}: ${(error as Error).message}`);
      }
    }
  }

  const read: HashReader = (level, index) => {
    const hash = levels[level]?.[index];
    if (!hash) throw new Error(`missing hash ${level}/${index}`);
    return hash;
  };
  const root = rootFromStoredHashes(size, read);
  if (!equal(root, checkpoint.rootHash))
    problems.push(`the entries give root ${b64(root)}, the signed checkpoint says ${b64(checkpoint.rootHash)}`);

  // 6. History was not rewritten: the tree we remember is a prefix of this one.
  const previous = options.previous;
  if (previous) {
    if (previous.size > size) {
      problems.push(`the log shrank from ${previous.size} to ${size} entries`);
    } else {
      const oldRoot = rootFromStoredHashes(previous.size, read);
      if (b64(oldRoot) !== previous.rootHash)
        problems.push(`the first ${previous.size} entries no longer give the remembered root: history was rewritten`);
      // The server's own consistency proof must agree too.
      if (previous.size > 0 && previous.size < size) {
        const response = await fetchUrl(`${base}/api/log/consistency?from=${previous.size}&to=${size}`);
        const body = response.ok ? (JSON.parse(await response.text()) as { proof: string[] }) : null;
        const proof = body?.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64'))) ?? [];
        if (
          !body ||
          !verifyConsistency(previous.size, size, Buffer.from(previous.rootHash, 'base64'), checkpoint.rootHash, proof)
        ) {
          problems.push(`the server's consistency proof from ${previous.size} to ${size} does not verify`);
        }
      }
    }
  }

  const state: VerifierState = {
    verifierKey: trustedKey,
    origin: checkpoint.origin,
    size,
    rootHash: b64(checkpoint.rootHash),
    checkpoint: note,
  };
  return { ok: problems.length === 0, problems, state: problems.length === 0 ? state : null, entries: size };
}
