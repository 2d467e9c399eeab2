import { logApi } from '$lib/api/log';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

const CHECKPOINTS_PER_PAGE = 10;
/** Fetched one by one (the API has no list of entries), so kept short. */
const LATEST_ENTRIES = 10;
/** C2SP tlog-tiles: tile height 8, so a full tile holds 256 hashes or entries. */
const TILE_WIDTH = 256;

/** A tile number in tlog-tiles form: 3-digit groups, each but the last prefixed with "x" (1234 → x001/234). */
function tileNumber(n: number): string {
  const digits = String(n);
  const groups = digits.padStart(Math.ceil(digits.length / 3) * 3, '0').match(/\d{3}/g) ?? ['000'];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of the last (possibly partial) level-0 tile of a log of this size, as a worked example. */
function lastTile(size: number): string | null {
  if (size === 0) return null;
  const width = size % TILE_WIDTH;
  return width === 0 ? tileNumber(size / TILE_WIDTH - 1) : `${tileNumber(Math.floor(size / TILE_WIDTH))}.p/${width}`;
}

export const load: PageServerLoad = async (event) => {
  const beforeParam = Number(event.url.searchParams.get('before'));
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;

  const client = logApi(event);
  const [info, checkpoints, newest] = await Promise.all([
    client.info(),
    client.checkpoints({ before, limit: CHECKPOINTS_PER_PAGE }),
    // The latest checkpoint's signing time is only in the list; the first page already holds it.
    before === undefined ? null : client.checkpoints({ limit: 1 }),
  ]);
  if (!info.ok) loadFailure(info);
  if (!checkpoints.ok) loadFailure(checkpoints);

  const latest = info.data.checkpoint;
  const signed =
    (newest?.ok ? newest.data.items[0] : before === undefined ? checkpoints.data.items[0] : undefined) ?? null;
  const size = latest?.size ?? 0;
  // Entries are listed newest first, a page at a time: `entriesBefore` is the index the page starts below.
  const entriesParam = Number(event.url.searchParams.get('entriesBefore'));
  const entriesBefore =
    Number.isSafeInteger(entriesParam) && entriesParam > 0 && entriesParam < size ? entriesParam : size;
  const indices = Array.from({ length: Math.min(LATEST_ENTRIES, entriesBefore) }, (_, i) => entriesBefore - 1 - i);
  const entries = await Promise.all(indices.map((index) => client.entry(index)));

  return {
    origin: info.data.origin,
    verifierKey: info.data.verifierKey,
    witnesses: info.data.witnesses,
    witnessQuorum: info.data.witnessQuorum,
    latest: latest ? { ...latest, signedAt: signed?.size === latest.size ? signed.signedAt : undefined } : null,
    checkpoints: checkpoints.data,
    before: before ?? null,
    entriesBefore: entriesBefore === size ? null : entriesBefore,
    olderEntries: indices.length > 0 && indices[indices.length - 1]! > 0 ? indices[indices.length - 1]! : null,
    // Pages step down from the newest by LATEST_ENTRIES, so the oldest is the remainder: it ends at entry 0.
    oldestEntries: size > LATEST_ENTRIES ? ((size - 1) % LATEST_ENTRIES) + 1 : null,
    // A page up from this one, or the newest page (no parameter) once that is reached.
    newerEntries: entriesBefore + LATEST_ENTRIES < size ? entriesBefore + LATEST_ENTRIES : null,
    entries: entries.flatMap((result) =>
      result.ok
        ? [
            {
              index: result.data.index,
              type: result.data.type,
              time: typeof result.data.entry.time === 'string' ? result.data.entry.time : null,
            },
          ]
        : [],
    ),
    lastTile: lastTile(size),
    siteUrl: event.url.origin,
  };
};
