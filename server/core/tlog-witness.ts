/**
 * C2SP tlog-witness: the `add-checkpoint` request a log sends a witness, and the witness's decision on it.
 *
 * Request body: `old <size>\n`, up to 63 consistency proof lines (base64 hashes), an empty line, then the
 * signed checkpoint. The decision is pure: it takes the request, the log keys the witness trusts and the
 * witness's last cosigned checkpoint for that origin, and says which status to answer with. Signing and
 * storing (atomically, against the same old size) are the caller's.
 */
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { HASH_SIZE, verifyConsistency } from './merkle';
import { decodeStandardBase64, openNote, SignedNoteError, type NoteVerifier } from './signed-note';

/** The `Content-Type` of a 409 answer, whose body is the witness's cosigned size and a newline. */
export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';
/** C2SP: a client must not send more consistency proof lines than this. */
export const MAX_PROOF_LINES = 63;

export class WitnessRequestError extends Error {
  override readonly name = 'WitnessRequestError';
}

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, every signature line included. */
  readonly checkpoint: string;
}

/** The request body, exactly as C2SP tlog-witness lays it out. */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): string {
  const { oldSize, proof, checkpoint } = request;
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) throw new WitnessRequestError(`bad old size ${oldSize}`);
  if (proof.length > MAX_PROOF_LINES) throw new WitnessRequestError(`more than ${MAX_PROOF_LINES} proof lines`);
  if (oldSize === 0 && proof.length > 0) throw new WitnessRequestError('the proof must be empty from size 0');
  const lines = proof.map((hash) => `${Buffer.from(hash).toString('base64')}\n`).join('');
  return `old ${oldSize}\n${lines}\n${checkpoint}`;
}

/** Parses a request body strictly; throws {@link WitnessRequestError} (answered with 400). */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new WitnessRequestError('no empty line before the checkpoint');
  const [oldLine = '', ...proofLines] = body.slice(0, blank).split('\n');
  const sizeMatch = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (!sizeMatch) throw new WitnessRequestError('the first line must be "old <size>" in decimal');
  const oldSize = Number(sizeMatch[1]);
  if (!Number.isSafeInteger(oldSize)) throw new WitnessRequestError('old size is too large');
  if (proofLines.length > MAX_PROOF_LINES) throw new WitnessRequestError(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof = proofLines.map((line) => {
    const hash = decodeStandardBase64(line);
    if (!hash || hash.length !== HASH_SIZE) throw new WitnessRequestError('a proof line is not a base64 hash');
    return hash;
  });
  if (oldSize === 0 && proof.length > 0) throw new WitnessRequestError('the proof must be empty from size 0');
  return { oldSize, proof, checkpoint: body.slice(blank + 2) };
}

/** The body of a 409 answer. */
export function formatTreeSize(size: number): string {
  return `${size}\n`;
}

/** Reads a 409 answer's body: a decimal size and a newline. */
export function parseTreeSize(body: string): number {
  const match = /^(0|[1-9][0-9]*)\n$/.exec(body);
  const size = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(size)) throw new WitnessRequestError('not a tree size');
  return size;
}

/** What a witness remembers per log: the latest checkpoint it cosigned. */
export interface WitnessedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export type AddCheckpointDecision =
  | { readonly status: 200; readonly checkpoint: Checkpoint; readonly checkpointText: string }
  | { readonly status: 400 | 403 | 404 | 422; readonly reason: string }
  | { readonly status: 409; readonly reason: string; readonly size: number };

/**
 * The witness's checks, in the order C2SP gives them. `logs` maps an origin to the keys trusted for it;
 * `latest` is what the witness last cosigned for the checkpoint's origin (undefined: never, size 0).
 */
export function decideAddCheckpoint(
  body: string,
  logs: ReadonlyMap<string, readonly NoteVerifier[]>,
  latest: (origin: string) => WitnessedCheckpoint | undefined,
): AddCheckpointDecision {
  let request: AddCheckpointRequest;
  try {
    request = parseAddCheckpointRequest(body);
  } catch (error) {
    return { status: 400, reason: (error as Error).message };
  }
  if (!request.checkpoint.includes('\n\n')) return { status: 400, reason: 'the checkpoint is not a signed note' };
  const origin = request.checkpoint.slice(0, request.checkpoint.indexOf('\n'));
  const verifiers = logs.get(origin);
  if (!verifiers) return { status: 404, reason: `unknown log origin ${JSON.stringify(origin)}` };

  let checkpointText: string;
  try {
    checkpointText = openNote(request.checkpoint, verifiers).text;
  } catch (error) {
    if (error instanceof SignedNoteError && error.code === 'MALFORMED_NOTE')
      return { status: 400, reason: error.message };
    return { status: 403, reason: `no valid signature by the log's key: ${(error as Error).message}` };
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(checkpointText);
  } catch (error) {
    return { status: 400, reason: (error as Error).message };
  }
  if (checkpoint.origin !== origin) return { status: 400, reason: 'malformed checkpoint origin' };
  if (request.oldSize > checkpoint.size) {
    return { status: 400, reason: `old size ${request.oldSize} exceeds the checkpoint size ${checkpoint.size}` };
  }

  const known = latest(origin);
  const knownSize = known?.size ?? 0;
  if (request.oldSize !== knownSize) {
    return { status: 409, reason: `the latest cosigned size is ${knownSize}`, size: knownSize };
  }
  if (known && request.oldSize === checkpoint.size) {
    if (Buffer.compare(Buffer.from(known.rootHash), Buffer.from(checkpoint.rootHash)) !== 0) {
      return { status: 409, reason: 'same size, different root hash: a split view', size: knownSize };
    }
    if (request.proof.length > 0) return { status: 422, reason: 'the proof must be empty between equal sizes' };
  } else if (known && known.size > 0) {
    if (!verifyConsistency(known.size, checkpoint.size, known.rootHash, checkpoint.rootHash, request.proof)) {
      return { status: 422, reason: `the consistency proof from ${known.size} to ${checkpoint.size} does not verify` };
    }
  } else if (request.proof.length > 0) {
    return { status: 422, reason: 'the proof must be empty from size 0' };
  }
  return { status: 200, checkpoint, checkpointText };
}
