/**
 * C2SP tlog-checkpoint: the note text a log signs to commit to a tree head.
 *
 *     <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]…
 *
 * Parsing is strict because a checkpoint is compared and re-signed by others: two texts that differ
 * only in, say, a leading zero in the size must not both be accepted as the same tree head.
 */
import { HASH_SIZE } from './merkle';
import { decodeStandardBase64 } from './signed-note';

export interface Checkpoint {
  /** The log's identity, e.g. `imtahan.gov.az/log`; by convention also its signing key's name. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Opaque lines after the root hash, each non-empty, without their newlines. */
  readonly extensions?: readonly string[];
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** The checkpoint's note text, ending in a newline, ready for `signNote`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (!isValidLine(origin)) {
    throw new CheckpointError('checkpoint origin must be a non-empty line without control characters');
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new CheckpointError(`checkpoint size must be a non-negative safe integer, got ${size}`);
  }
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) {
    throw new CheckpointError(`checkpoint root hash must be ${HASH_SIZE} bytes`);
  }
  extensions.forEach((line, i) => {
    if (!isValidLine(line)) {
      throw new CheckpointError(`checkpoint extension line ${i + 1} must be non-empty, without control characters`);
    }
  });
  return [origin, String(size), Buffer.from(rootHash).toString('base64'), ...extensions]
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Parses checkpoint note text (as returned by `openNote`). Requires a final newline, a
 * non-empty origin, a decimal size without leading zeros (at most 2^53 − 1), and the standard
 * padded base64 of exactly 32 bytes; extension lines must be non-empty and are returned as they are.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!isValidLine(origin)) {
    throw new CheckpointError('checkpoint origin must be a non-empty line without control characters');
  }
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) {
    throw new CheckpointError(
      `checkpoint size ${JSON.stringify(sizeText)} is not a decimal number without leading zeros`,
    );
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`checkpoint size ${sizeText} is too large`);
  const rootHash = decodeStandardBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw new CheckpointError(`checkpoint root hash must be standard base64 of ${HASH_SIZE} bytes`);
  }
  extensions.forEach((line, i) => {
    if (!isValidLine(line)) {
      throw new CheckpointError(`checkpoint extension line ${i + 1} must be non-empty, without control characters`);
    }
  });
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

function isValidLine(line: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return line !== '' && !/[\u0000-\u001f]/.test(line);
}
