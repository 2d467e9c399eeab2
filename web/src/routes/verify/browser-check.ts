import { checkReceipt, type EntryProof, type ReceiptCheck } from '$lib/log/verify-receipt';
import type { ReceiptQuery } from './receipt-query';

/** Where the in-browser check stands; `idle` is also what a page without JavaScript keeps. */
export type BrowserCheck =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; check: ReceiptCheck }
  | { state: 'notFound' }
  | { state: 'unavailable' }
  | { state: 'unsupported' };

async function getJson<T>(path: string): Promise<{ status: number; body: T | null }> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  return { status: response.status, body: response.ok ? ((await response.json()) as T) : null };
}

/**
 * Fetches the entry, its proof and the log's key straight from the log's public API and checks them
 * with this browser's WebCrypto, so the verdict depends on nothing our server computed for the page.
 */
export async function checkInBrowser(query: ReceiptQuery): Promise<BrowserCheck> {
  if (!globalThis.crypto?.subtle) return { state: 'unsupported' };
  let entry: { status: number; body: EntryProof | null };
  let info: { status: number; body: { verifierKey: string } | null };
  try {
    [entry, info] = await Promise.all([
      getJson<EntryProof>(`/api/log/entries/${query.index}`),
      getJson<{ verifierKey: string }>('/api/log'),
    ]);
  } catch {
    return { state: 'unavailable' };
  }
  if (entry.status === 404) return { state: 'notFound' };
  if (!entry.body || !info.body) return { state: 'unavailable' };
  try {
    const check = await checkReceipt(entry.body, query.key || info.body.verifierKey, query.leafHash || undefined);
    return { state: 'done', check };
  } catch {
    // Older browsers refuse Ed25519 keys in WebCrypto.
    return { state: 'unsupported' };
  }
}
