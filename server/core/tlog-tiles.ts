/**
 * C2SP tlog-tiles: the static, cacheable layout in which the log serves its Merkle tree and entries.
 *
 * A tile at level L, index N holds up to 256 consecutive stored hashes of stored level 8·L, starting
 * at hash N·256: level-0 tiles hold leaf hashes, level-1 tiles hashes of 256-leaf subtrees, and so on.
 * This is the layout of Go's sumdb/tlog with tile height 8 (`Tile{H: 8}`), except that C2SP paths omit
 * the height: `tile/<L>/<N>[.p/<W>]`, and `tile/entries/<N>[.p/<W>]` for the entries themselves.
 * A full tile never changes; a partial one (width < 256) is superseded as the tree grows.
 */
import { HASH_SIZE, type HashReader, type SubtreeCoordinate } from './merkle';

/** Levels of the Merkle tree spanned by one tile. */
export const TILE_HEIGHT = 8;
/** Hashes (or entries) in a full tile or bundle: 2^{@link TILE_HEIGHT}. */
export const TILE_WIDTH = 256;
/** C2SP caps the level at 63. */
export const MAX_TILE_LEVEL = 63;
/** Entry bundles prefix each entry with a uint16 length. */
export const MAX_ENTRY_SIZE = 0xffff;

export interface Tile {
  readonly level: number;
  readonly index: number;
  /** 1 to 256; 256 is a full tile. */
  readonly width: number;
}

export interface EntryBundle {
  readonly index: number;
  readonly width: number;
}

export type ParsedTilePath = ({ readonly kind: 'tile' } & Tile) | ({ readonly kind: 'entries' } & EntryBundle);

export class TilePathError extends Error {
  override readonly name = 'TilePathError';
}

export class EntryBundleError extends Error {
  override readonly name = 'EntryBundleError';
}

/** `tile/<L>/<N>[.p/<W>]`, e.g. level 0, index 1234067, width 3 → `tile/0/x001/x234/067.p/3`. */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw new RangeError(`tile level must be an integer from 0 to ${MAX_TILE_LEVEL}, got ${level}`);
  }
  return `tile/${level}/${indexPath(index)}${widthSuffix(width)}`;
}

/** `tile/entries/<N>[.p/<W>]`: the bundle of the entries whose leaf hashes are level-0 tile N. */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${indexPath(index)}${widthSuffix(width)}`;
}

/**
 * Parses a tile or entry bundle path, accepting only the canonical form {@link tilePath} and
 * {@link entriesPath} produce: no leading zeros in L or W, exactly three digits per index group,
 * no superfluous `x000/` group, and `.p/W` only for widths 1 to 255.
 */
export function parseTilePath(path: string): ParsedTilePath {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (match === null) throw new TilePathError(`malformed tile path ${JSON.stringify(path)}`);
  const [, levelText = '', indexText = '', widthText] = match;

  let index = 0;
  for (const group of indexText.split('/')) index = index * 1000 + Number(group.replace('x', ''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  // A full tile has no `.p/256` form: the same tile must not have two names.
  if (!Number.isSafeInteger(index) || (widthText !== undefined && width >= TILE_WIDTH)) {
    throw new TilePathError(`tile path ${JSON.stringify(path)} is out of range`);
  }

  const level = levelText === 'entries' ? undefined : Number(levelText);
  if (level !== undefined && level > MAX_TILE_LEVEL) {
    throw new TilePathError(`tile level ${level} is above ${MAX_TILE_LEVEL}`);
  }
  const parsed: ParsedTilePath =
    level === undefined ? { kind: 'entries', index, width } : { kind: 'tile', level, index, width };
  const canonical = level === undefined ? entriesPath(index, width) : tilePath(level, index, width);
  if (canonical !== path) throw new TilePathError(`tile path ${JSON.stringify(path)} is not canonical (${canonical})`);
  return parsed;
}

/** The stored hashes a tile holds: level 8·L, indexes N·256 … N·256 + W − 1. */
export function tileHashReads({ level, index, width }: Tile): SubtreeCoordinate[] {
  assertTile({ level, index, width });
  if ((index + 1) * TILE_WIDTH > Number.MAX_SAFE_INTEGER) throw new RangeError(`tile index ${index} is too large`);
  const storedLevel = level * TILE_HEIGHT;
  return Array.from({ length: width }, (_, i) => ({ level: storedLevel, index: index * TILE_WIDTH + i }));
}

/** A tile's bytes: its W stored hashes concatenated, W·32 bytes (Go's tlog.ReadTileData). */
export function tileData(tile: Tile, read: HashReader): Uint8Array {
  const data = new Uint8Array(tile.width * HASH_SIZE);
  tileHashReads(tile).forEach(({ level, index }, i) => {
    const hash = read(level, index);
    if (hash.length !== HASH_SIZE) {
      throw new RangeError(`stored hash at level ${level}, index ${index} is not ${HASH_SIZE} bytes`);
    }
    data.set(hash, i * HASH_SIZE);
  });
  return data;
}

/** Splits tile bytes back into its hashes. */
export function tileDataHashes(data: Uint8Array): Uint8Array[] {
  if (data.length === 0 || data.length % HASH_SIZE !== 0 || data.length > TILE_WIDTH * HASH_SIZE) {
    throw new RangeError(`tile data must be 1 to ${TILE_WIDTH} hashes of ${HASH_SIZE} bytes, got ${data.length} bytes`);
  }
  return Array.from({ length: data.length / HASH_SIZE }, (_, i) => data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/**
 * Every tile of a tree of `size` leaves, full and partial, lowest level first. For 70,000 leaves that
 * is 273 full level-0 tiles, a level-0 tile of width 112, a full level-1 tile, a level-1 tile of
 * width 17, and a level-2 tile of width 1 (the C2SP example). The entry bundles are the level-0 tiles'.
 */
export function tilesForTreeSize(size: number): Tile[] {
  return newTiles(0, size);
}

/**
 * The tiles to publish when the tree grows from `oldSize` to `newSize` leaves: the full tiles completed
 * since `oldSize`, and the partial tile of each level at `newSize` (Go's tlog.NewTiles, height 8).
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  assertCount(oldSize, 'old size');
  assertCount(newSize, 'new size');
  if (oldSize > newSize) throw new RangeError(`old size ${oldSize} exceeds new size ${newSize}`);

  const tiles: Tile[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const span = TILE_WIDTH ** level;
    // Complete hashes at stored level 8·level before and after the growth.
    const oldHashes = Math.floor(oldSize / span);
    const newHashes = Math.floor(newSize / span);
    if (newHashes === 0) break;
    if (oldHashes === newHashes) continue;
    const fullTiles = Math.floor(newHashes / TILE_WIDTH);
    for (let index = Math.floor(oldHashes / TILE_WIDTH); index < fullTiles; index++) {
      tiles.push({ level, index, width: TILE_WIDTH });
    }
    const partialWidth = newHashes % TILE_WIDTH;
    if (partialWidth > 0) tiles.push({ level, index: fullTiles, width: partialWidth });
  }
  return tiles;
}

/** An entry bundle: each entry as a big-endian uint16 length followed by its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0 || entries.length > TILE_WIDTH) {
    throw new EntryBundleError(`an entry bundle holds 1 to ${TILE_WIDTH} entries, got ${entries.length}`);
  }
  const bundle = new Uint8Array(entries.reduce((total, entry) => total + 2 + entry.length, 0));
  let offset = 0;
  entries.forEach((entry, i) => {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new EntryBundleError(
        `entry ${i} is ${entry.length} bytes; an entry bundle allows at most ${MAX_ENTRY_SIZE}`,
      );
    }
    bundle[offset] = entry.length >> 8;
    bundle[offset + 1] = entry.length & 0xff;
    bundle.set(entry, offset + 2);
    offset += 2 + entry.length;
  });
  return bundle;
}

/**
 * Decodes an entry bundle, rejecting truncated entries, trailing bytes, emptiness and more than 256
 * entries. Pass the `width` from the bundle's path to also require exactly that many entries.
 */
export function decodeEntryBundle(bundle: Uint8Array, width?: number): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (entries.length === TILE_WIDTH) throw new EntryBundleError(`entry bundle holds more than ${TILE_WIDTH} entries`);
    if (offset + 2 > bundle.length) {
      throw new EntryBundleError(`entry bundle ends inside the length of entry ${entries.length}`);
    }
    const length = (bundle[offset]! << 8) | bundle[offset + 1]!;
    const end = offset + 2 + length;
    if (end > bundle.length) throw new EntryBundleError(`entry bundle ends inside entry ${entries.length}`);
    entries.push(bundle.slice(offset + 2, end));
    offset = end;
  }
  if (entries.length === 0) throw new EntryBundleError('entry bundle is empty');
  if (width !== undefined && entries.length !== width) {
    throw new EntryBundleError(`entry bundle holds ${entries.length} entries, expected ${width}`);
  }
  return entries;
}

/** Three digits per path element, all but the last prefixed with x, so no directory exceeds 3,000 names. */
function indexPath(index: number): string {
  assertCount(index, 'tile index');
  let rest = index;
  let path = String(rest % 1000).padStart(3, '0');
  while (rest >= 1000) {
    rest = Math.floor(rest / 1000);
    path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
  }
  return path;
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new RangeError(`tile width must be an integer from 1 to ${TILE_WIDTH}, got ${width}`);
  }
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

function assertTile({ level, index, width }: Tile): void {
  tilePath(level, index, width);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
}
