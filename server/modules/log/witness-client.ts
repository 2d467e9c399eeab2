/**
 * The client side of C2SP tlog-witness: one `POST <witness>/add-checkpoint`, its answer read into an
 * outcome, and the returned cosignatures verified against the witness's configured key before anyone
 * keeps them. Used by the log's witness job, and by a monitor that gossips the checkpoint it saw.
 */
import {
  parseCosignerVerifierKey,
  splitNote,
  verifyCosignatures,
  type CosignerVerifier,
  type VerifiedCosignature,
} from '../../core/cosignature';
import { formatAddCheckpointRequest, parseTreeSize, type AddCheckpointRequest } from '../../core/tlog-witness';

export interface Witness {
  /** The submission prefix: `add-checkpoint` is appended to it. */
  readonly url: string;
  readonly verifier: CosignerVerifier;
  /** The demo's in-process witness (server/modules/demo/demo.witness.ts): shown as such, as it proves nothing. */
  readonly demo?: boolean;
}

export type AddCheckpointOutcome =
  /** 200 with at least one valid cosignature by the witness's key. */
  | { readonly kind: 'cosigned'; readonly cosignatures: readonly VerifiedCosignature[] }
  /** 409 with a size other than the old size sent: ask again from that size. */
  | { readonly kind: 'conflict'; readonly size: number }
  /** Any other answer (400, 403, 404, 422, a 409 at the size sent, 5xx, a 200 without a valid cosignature). */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string }
  /** No answer: refused connection, timeout, reset. */
  | { readonly kind: 'unreachable'; readonly message: string };

/** Parses LOG_WITNESSES: comma-separated `<url>=<cosigner verifier key>`. Throws with the offending item. */
export function parseWitnessList(value: string): Witness[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const equals = item.indexOf('=');
      const url = equals < 0 ? '' : item.slice(0, equals);
      if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`"${item}": expected <http(s) URL>=<verifier key>`);
      try {
        new URL(url);
        return { url: url.replace(/\/+$/, ''), verifier: parseCosignerVerifierKey(item.slice(equals + 1)) };
      } catch (error) {
        throw new Error(`"${item}": ${(error as Error).message}`);
      }
    });
}

/**
 * Sends one add-checkpoint request and reads the answer. Never throws for the witness's sake: every
 * answer and every network failure is an outcome the caller records and retries on.
 */
export async function addCheckpoint(
  witness: Witness,
  request: AddCheckpointRequest,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<AddCheckpointOutcome> {
  const send = options.fetch ?? fetch;
  let response: Response;
  let body: string;
  try {
    response = await send(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointRequest(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    body = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'unreachable', message: cause ?? (error as Error).message };
  }

  if (response.status === 409) {
    let size: number | undefined;
    try {
      size = parseTreeSize(body);
    } catch {
      size = undefined;
    }
    if (size === undefined || size === request.oldSize) {
      return { kind: 'refused', status: 409, message: summary(body) || 'conflict at the size sent' };
    }
    return { kind: 'conflict', size };
  }
  if (response.status !== 200) return { kind: 'refused', status: response.status, message: summary(body) };

  try {
    const { text } = splitNote(request.checkpoint);
    const lines = body.split('\n').filter((line) => line !== '');
    const cosignatures = verifyCosignatures(text, lines, [witness.verifier]);
    if (cosignatures.length === 0) {
      return { kind: 'refused', status: 200, message: 'the answer holds no cosignature by the configured key' };
    }
    return { kind: 'cosigned', cosignatures };
  } catch (error) {
    return { kind: 'refused', status: 200, message: `bad cosignature: ${(error as Error).message}` };
  }
}

/** A witness's error text, short enough to keep and show. */
function summary(body: string): string {
  return body.trim().slice(0, 200);
}
