/**
 * The monitor of the rules: reads a transparency log through its C2SP tlog-tiles paths only, verifies it
 * as verify-log does (the same checkpoint step, the tree rebuilt from the entries, the served tiles
 * compared), and checks the published invariants from the entries alone (`server/core/log-monitor.ts`).
 *
 * It remembers the tree's right edge between runs (the hashes of the complete subtrees that make up the
 * root, and the hashes of each level's last partial tile), so a run reads only the entry bundles from the
 * last one's size on. The new root is computed from the remembered edge and the new entries: if anything
 * before the remembered size was rewritten, that root cannot be the signed one.
 */
import { canonicalJson } from '../server/core/canonical-json';
import { createLogEntryValidator, LOG_ENTRY_SCHEMA_VERSION } from '../server/core/log-entry-schema';
import {
  checkEntries,
  emptyMonitorState,
  type IndexedEntry,
  type MonitorRules,
  type MonitorState,
  type Violation,
} from '../server/core/log-monitor';
import {
  leafHash,
  rootFromStoredHashes,
  rootReads,
  storedHashesForAppend,
  type HashReader,
} from '../server/core/merkle';
import {
  decodeEntryBundle,
  entriesPath,
  newTiles,
  tileData,
  tilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
} from '../server/core/tlog-tiles';
import { addCheckpoint, type Witness } from '../server/modules/log/witness-client';
import { entryTextProblem, fetchSignedCheckpoint, logGetter, type Fetch } from './log-verifier';

/** The monitor's state file: what it verified last, the tree's right edge, and the rules' state. */
export interface MonitorFileState {
  format: 'imtahan-log-monitor/1';
  schemaVersion: number;
  verifierKey: string;
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
  /** `level/index` → base64 stored hash: the right edge of the tree at `size`. */
  edge: Record<string, string>;
  rules: MonitorState;
  /** The size each witness last cosigned for us, to send it the right consistency proof. */
  witnesses?: Record<string, number>;
}

export interface GossipOutcome {
  witness: string;
  outcome: string;
  /** A witness that cosigned another tree of the same size: the log shows different histories. */
  splitView: boolean;
}

export interface MonitorResult {
  /** The log verified: signature, tree, tiles, and consistency with the remembered state. */
  verified: boolean;
  problems: string[];
  violations: Violation[];
  /** Entries read and checked in this run. */
  read: number;
  size: number;
  /** The state to keep; null when the log did not verify (the old state stays). */
  state: MonitorFileState | null;
  gossip: GossipOutcome[];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const equal = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const key = (level: number, index: number) => `${level}/${index}`;

/** The stored hashes a monitor keeps for a tree of `size`: the root's subtrees and each level's partial tile. */
function edgeCoordinates(size: number): { level: number; index: number }[] {
  const wanted = rootReads(size);
  for (let tileLevel = 0; ; tileLevel++) {
    const level = tileLevel * TILE_HEIGHT;
    const hashes = Math.floor(size / 2 ** level);
    if (hashes === 0) break;
    for (let index = hashes - (hashes % TILE_WIDTH); index < hashes; index++) wanted.push({ level, index });
  }
  return wanted;
}

export async function runMonitor(options: {
  baseUrl: string;
  previous?: MonitorFileState | undefined;
  verifierKey?: string | undefined;
  rules?: MonitorRules | undefined;
  witnesses?: readonly Witness[] | undefined;
  fetch?: Fetch;
}): Promise<MonitorResult> {
  const fetchUrl: Fetch = options.fetch ?? ((url) => fetch(url));
  const get = logGetter(options.baseUrl, fetchUrl);
  const previous = options.previous;
  const problems: string[] = [];
  const failed = (message?: string): MonitorResult => ({
    verified: false,
    problems: message ? [...problems, message] : problems,
    violations: [],
    read: 0,
    size: previous?.size ?? 0,
    state: null,
    gossip: [],
  });

  const signed = await fetchSignedCheckpoint(get, { verifierKey: options.verifierKey, previous });
  if (!signed.ok) return { ...failed(), problems: signed.problems };
  problems.push(...signed.problems);
  const { checkpoint, note, trustedKey } = signed;
  const size = checkpoint.size;
  const from = previous?.size ?? 0;
  if (size < from) return failed(`the log shrank from ${from} to ${size} entries`);

  const known = new Map<string, Uint8Array>(Object.entries(previous?.edge ?? {}).map(([k, v]) => [k, fromB64(v)]));
  const read: HashReader = (level, index) => {
    const hash = known.get(key(level, index));
    if (!hash) throw new Error(`the remembered tree has no hash ${level}/${index}; start again without --state`);
    return hash;
  };
  if (previous && b64(rootFromStoredHashes(from, read)) !== previous.rootHash)
    return failed('the state file does not hold the tree it names: start again without --state');

  // The entries from the last run's size on (the bundle that held it is read again, whole).
  const newEntries: { index: number; bytes: Uint8Array }[] = [];
  for (let tile = Math.floor(from / TILE_WIDTH); tile * TILE_WIDTH < size; tile++) {
    const width = Math.min(TILE_WIDTH, size - tile * TILE_WIDTH);
    let bundle: Uint8Array[];
    try {
      bundle = decodeEntryBundle(await get(entriesPath(tile, width)), width);
    } catch (error) {
      return failed(`entry bundle ${tile}: ${(error as Error).message}`);
    }
    for (const [i, bytes] of bundle.entries()) {
      const index = tile * TILE_WIDTH + i;
      const leaf = leafHash(bytes);
      if (index < from) {
        if (!equal(leaf, read(0, index)))
          problems.push(`entry ${index} is not the one read by the last run: history was rewritten`);
        continue;
      }
      for (const h of storedHashesForAppend(index, leaf, read)) known.set(key(h.level, h.index), h.hash);
      newEntries.push({ index, bytes });
    }
  }

  const root = rootFromStoredHashes(size, read);
  if (!equal(root, checkpoint.rootHash))
    problems.push(
      previous
        ? `the remembered first ${from} entries and the ${size - from} new ones give root ${b64(root)}, the signed checkpoint says ${b64(checkpoint.rootHash)}: history before entry ${from} was rewritten, or entries were altered`
        : `the entries give root ${b64(root)}, the signed checkpoint says ${b64(checkpoint.rootHash)}`,
    );
  // The served hash tiles of the new part hold exactly the hashes computed here.
  for (const tile of newTiles(from, size)) {
    const path = tilePath(tile.level, tile.index, tile.width);
    try {
      if (!equal(await get(path), tileData(tile, read))) problems.push(`tile ${path} does not match the entries`);
    } catch (error) {
      problems.push(`tile ${path}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) return failed();

  // Invariant 0: canonical JSON matching the schema; the rules read only the entries that do.
  const validate = createLogEntryValidator();
  const violations: Violation[] = [];
  const valid: IndexedEntry[] = [];
  for (const { index, bytes } of newEntries) {
    const textProblem = entryTextProblem(bytes, index);
    if (textProblem) {
      violations.push({ invariant: 0, message: textProblem, entries: [index] });
      continue;
    }
    const entry = JSON.parse(Buffer.from(bytes).toString('utf8')) as IndexedEntry['entry'];
    const schemaProblems = validate(entry);
    if (schemaProblems.length > 0) {
      violations.push({
        invariant: 0,
        message: `entry ${index} (${canonicalJson(entry.type ?? null)}) does not match the entry schema v${LOG_ENTRY_SCHEMA_VERSION}: ${schemaProblems.join('; ')}`,
        entries: [index],
      });
      continue;
    }
    valid.push({ index, entry });
  }
  const checked = checkEntries(previous?.rules ?? emptyMonitorState(), valid, options.rules);
  violations.push(...checked.violations);
  checked.state.size = size;

  const gossip: GossipOutcome[] = [];
  const witnessSizes = { ...previous?.witnesses };
  for (const witness of options.witnesses ?? []) {
    const outcome = await gossipTo(witness, note, size, witnessSizes[witness.url] ?? 0, options.baseUrl, fetchUrl);
    if (outcome.cosignedSize !== null) witnessSizes[witness.url] = outcome.cosignedSize;
    gossip.push({ witness: witness.url, outcome: outcome.text, splitView: outcome.splitView });
  }

  const edge = Object.fromEntries(
    edgeCoordinates(size).map(({ level, index }) => [key(level, index), b64(read(level, index))]),
  );
  return {
    verified: true,
    problems: [],
    violations,
    read: newEntries.length,
    size,
    gossip,
    state: {
      format: 'imtahan-log-monitor/1',
      schemaVersion: LOG_ENTRY_SCHEMA_VERSION,
      verifierKey: trustedKey,
      origin: checkpoint.origin,
      size,
      rootHash: b64(checkpoint.rootHash),
      checkpoint: note,
      edge,
      rules: checked.state,
      ...(options.witnesses?.length ? { witnesses: witnessSizes } : {}),
    },
  };
}

/**
 * Posts the checkpoint this monitor verified to a witness (C2SP tlog-witness), so that a log showing
 * others another history is caught by the witness; a 409 at the size it already holds is that split view.
 */
async function gossipTo(
  witness: Witness,
  note: string,
  size: number,
  knownSize: number,
  baseUrl: string,
  fetchUrl: Fetch,
): Promise<{ text: string; cosignedSize: number | null; splitView: boolean }> {
  let oldSize = Math.min(knownSize, size);
  for (let attempt = 0; attempt < 2; attempt++) {
    let proof: Uint8Array[] = [];
    if (oldSize > 0 && oldSize < size) {
      const response = await fetchUrl(`${baseUrl.replace(/\/+$/, '')}/api/log/consistency?from=${oldSize}&to=${size}`);
      if (!response.ok)
        return {
          text: `no consistency proof from ${oldSize}: HTTP ${response.status}`,
          cosignedSize: null,
          splitView: false,
        };
      proof = (JSON.parse(await response.text()) as { proof: string[] }).proof.map(fromB64);
    }
    const outcome = await addCheckpoint(witness, { oldSize, proof, checkpoint: note }, { timeoutMs: 10_000 });
    switch (outcome.kind) {
      case 'cosigned':
        return { text: `cosigned size ${size}`, cosignedSize: size, splitView: false };
      case 'conflict':
        // Not a split view by itself: the checkpoint served may be an older one that met the quorum. The
        // next run, at a size past it, sends a consistency proof from it, which a forked log cannot give.
        if (outcome.size > size)
          return {
            text: `the witness has cosigned a larger tree (${outcome.size}) than the checkpoint served here (${size})`,
            cosignedSize: outcome.size,
            splitView: false,
          };
        oldSize = outcome.size;
        continue;
      case 'refused':
        return {
          text: `refused (HTTP ${outcome.status}): ${outcome.message}`,
          cosignedSize: null,
          splitView: outcome.status === 409,
        };
      case 'unreachable':
        return { text: `unreachable: ${outcome.message}`, cosignedSize: null, splitView: false };
    }
  }
  return { text: 'the witness kept changing its size', cosignedSize: null, splitView: false };
}
