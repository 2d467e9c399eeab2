import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, rootFromLeafHashes, rootFromStoredHashes, storedHashesForAppend, type HashReader } from './merkle';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  EntryBundleError,
  entriesPath,
  newTiles,
  parseTilePath,
  tileData,
  tileDataHashes,
  tileHashReads,
  tilePath,
  TilePathError,
  tilesForTreeSize,
  type Tile,
} from './tlog-tiles';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('tile paths', () => {
  it.each([
    [0, 0, 256, 'tile/0/000'],
    [0, 5, 256, 'tile/0/005'],
    [0, 999, 256, 'tile/0/999'],
    [0, 1000, 256, 'tile/0/x001/000'],
    [0, 1234, 256, 'tile/0/x001/234'],
    [1, 1234067, 256, 'tile/1/x001/x234/067'],
    [4, 1234067, 1, 'tile/4/x001/x234/067.p/1'], // Go's tlog doc example, without the height element
    [0, 1000000, 255, 'tile/0/x001/x000/000.p/255'],
    [63, 0, 1, 'tile/63/000.p/1'],
    [2, 2 ** 53 - 1, 256, 'tile/2/x009/x007/x199/x254/x740/991'],
  ])('level %i, index %i, width %i is %s', (level, index, width, path) => {
    expect(tilePath(level, index, width)).toBe(path);
    expect(parseTilePath(path)).toEqual({ kind: 'tile', level, index, width });
  });

  it('defaults to a full tile', () => {
    expect(tilePath(0, 7)).toBe('tile/0/007');
    expect(entriesPath(7)).toBe('tile/entries/007');
  });

  it.each([
    [0, 256, 'tile/entries/000'],
    [1234067, 256, 'tile/entries/x001/x234/067'],
    [5, 17, 'tile/entries/005.p/17'],
  ])('entry bundle %i of width %i is %s', (index, width, path) => {
    expect(entriesPath(index, width)).toBe(path);
    expect(parseTilePath(path)).toEqual({ kind: 'entries', index, width });
  });

  it.each([
    ['tile/0/5', 'index not padded to three digits'],
    ['tile/0/0005', 'four digits'],
    ['tile/00/005', 'leading zero in the level'],
    ['tile/64/000', 'level above 63'],
    ['tile/100/000', 'level above 99'],
    ['tile/0/x000/005', 'superfluous leading group'],
    ['tile/0/x005', 'x on the last group'],
    ['tile/0/001/234', 'no x on a leading group'],
    ['tile/0/005.p/0', 'width 0'],
    ['tile/0/005.p/256', 'a full width written as partial'],
    ['tile/0/005.p/300', 'width above 256'],
    ['tile/0/005.p/010', 'leading zero in the width'],
    ['tile/0/005.p/', 'empty width'],
    ['tile/0/005.p', 'no width'],
    ['tile/8/0/005', "Go's tile/H/L/N form"],
    ['tile/data/005', "Go's data tiles"],
    ['tile/entries/005.p/256', 'a full bundle written as partial'],
    ['tile/entries/x000/001', 'superfluous leading group in a bundle'],
    ['/tile/0/005', 'leading slash'],
    ['tile/0/005/', 'trailing slash'],
    ['tile/0/-05', 'negative index'],
    ['tile/0/1e2', 'exponent'],
    ['tile/0/x009/x007/x199/x254/x740/992', 'index beyond 2^53 − 1'],
    ['tile/-1/005', 'negative level'],
    ['tile//005', 'empty level'],
    ['checkpoint', 'not a tile'],
  ])('rejects %s (%s)', (path) => {
    expect(() => parseTilePath(path)).toThrow(TilePathError);
  });

  it('refuses to build paths for impossible tiles', () => {
    expect(() => tilePath(64, 0)).toThrow(RangeError);
    expect(() => tilePath(-1, 0)).toThrow(RangeError);
    expect(() => tilePath(0, -1)).toThrow(RangeError);
    expect(() => tilePath(0, 1.5)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 0)).toThrow(RangeError);
    expect(() => tilePath(0, 0, 257)).toThrow(RangeError);
    expect(() => entriesPath(2 ** 53)).toThrow(RangeError);
  });

  it('parses every path it builds back to the same tile', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.maxSafeNat(),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(tilePath(level, index, width))).toEqual({ kind: 'tile', level, index, width });
          expect(parseTilePath(entriesPath(index, width))).toEqual({ kind: 'entries', index, width });
        },
      ),
    );
  });

  it('orders index digits so that path elements never exceed three digits', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (index) => {
        const elements = tilePath(0, index).split('/').slice(2);
        expect(
          elements
            .join('')
            .replaceAll('x', '')
            .replace(/^0+(?=\d)/, ''),
        ).toBe(String(index));
        expect(elements.every((element, i) => (i === elements.length - 1 ? /^\d{3}$/ : /^x\d{3}$/).test(element))).toBe(
          true,
        );
      }),
    );
  });
});

describe('which tiles exist', () => {
  it('matches the C2SP example: a tree of 70,000 leaves', () => {
    const tiles = tilesForTreeSize(70_000);
    const full0 = tiles.filter((t) => t.level === 0 && t.width === 256);
    expect(full0).toHaveLength(273);
    expect(full0.map((t) => t.index)).toEqual(Array.from({ length: 273 }, (_, i) => i));
    expect(tiles.filter((t) => t.width !== 256 || t.level > 0)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
  });

  it('matches the C2SP example: a tree of 256 leaves is a full level-0 tile and a level-1 tile of width 1', () => {
    expect(tilesForTreeSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });

  it('has no tiles for the empty tree', () => {
    expect(tilesForTreeSize(0)).toEqual([]);
    expect(newTiles(0, 0)).toEqual([]);
  });

  it.each([
    [1, 1, []],
    [100, 101, [{ level: 0, index: 0, width: 101 }]],
    [
      255,
      257,
      [
        { level: 0, index: 0, width: 256 },
        { level: 0, index: 1, width: 1 },
        { level: 1, index: 0, width: 1 },
      ],
    ],
    [256, 300, [{ level: 0, index: 1, width: 44 }]],
    [
      300,
      1024,
      [
        { level: 0, index: 1, width: 256 },
        { level: 0, index: 2, width: 256 },
        { level: 0, index: 3, width: 256 },
        { level: 1, index: 0, width: 4 },
      ],
    ],
  ] as [number, number, Tile[]][])('growing from %i to %i publishes %j', (oldSize, newSize, expected) => {
    expect(newTiles(oldSize, newSize)).toEqual(expected);
  });

  it('publishes, over any growth, exactly the tiles the larger tree has and the smaller lacks', () => {
    const key = (t: Tile) => tilePath(t.level, t.index, t.width);
    fc.assert(
      fc.property(fc.nat(300_000), fc.nat(300_000), (a, b) => {
        const [oldSize, newSize] = a <= b ? [a, b] : [b, a];
        const before = new Set(tilesForTreeSize(oldSize).map(key));
        const after = tilesForTreeSize(newSize).map(key);
        expect(newTiles(oldSize, newSize).map(key)).toEqual(after.filter((path) => !before.has(path)));
      }),
    );
  });

  it('gives each level its partial tile of width floor(size / 256^level) mod 256', () => {
    fc.assert(
      fc.property(fc.nat(5_000_000), (size) => {
        const partial = tilesForTreeSize(size).filter((t) => t.width < 256);
        for (const tile of partial) {
          expect(tile.width).toBe(Math.floor(size / 256 ** tile.level) % 256);
          expect(tile.index).toBe(Math.floor(size / 256 ** (tile.level + 1)));
        }
        const levels = Math.floor(Math.log(size) / Math.log(256) + 1e-9) + 1;
        const expectedPartials = Array.from({ length: size === 0 ? 0 : levels }, (_, level) => level).filter(
          (level) => Math.floor(size / 256 ** level) % 256 > 0,
        );
        expect(partial.map((t) => t.level)).toEqual(expectedPartials);
      }),
    );
  });

  it('finds the tile of the newest leaf in trees up to 2^53 − 1 without 32-bit truncation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (size) => {
        const level0 = newTiles(size - 1, size).filter((t) => t.level === 0);
        const width = size % 256 === 0 ? 256 : size % 256;
        expect(level0).toEqual([{ level: 0, index: Math.ceil(size / 256) - 1, width }]);
      }),
    );
  });

  it('rejects shrinking trees and bad sizes', () => {
    expect(() => newTiles(5, 4)).toThrow(RangeError);
    expect(() => newTiles(-1, 4)).toThrow(RangeError);
    expect(() => tilesForTreeSize(0.5)).toThrow(RangeError);
  });
});

describe('tile contents', () => {
  const SIZE = 66_000; // enough for a level-2 tile
  const leafHashes = Array.from({ length: SIZE }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  const stored = new Map<string, Uint8Array>();
  const read: HashReader = (level, index) => {
    const hash = stored.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`no stored hash ${level}/${index}`);
    return hash;
  };
  leafHashes.forEach((hash, i) => {
    for (const s of storedHashesForAppend(i, hash, read)) stored.set(`${s.level}/${s.index}`, s.hash);
  });

  it('lays out level-0 tiles as leaf hashes, concatenated', () => {
    const data = tileData({ level: 0, index: 3, width: 256 }, read);
    expect(data).toHaveLength(256 * 32);
    expect(hex(data)).toBe(leafHashes.slice(768, 1024).map(hex).join(''));
    expect(hex(tileData({ level: 0, index: 257, width: 10 }, read))).toBe(
      leafHashes.slice(65792, 65802).map(hex).join(''),
    );
  });

  it('puts in hash i of level-l tile n the MTH of leaves [(n·256 + i)·256^l, (n·256 + i + 1)·256^l)', () => {
    const level1 = tileDataHashes(tileData({ level: 1, index: 0, width: 256 }, read));
    for (const i of [0, 1, 100, 255]) {
      expect(hex(level1[i]!)).toBe(hex(rootFromLeafHashes(leafHashes.slice(i * 256, (i + 1) * 256))));
    }
    const level2 = tileDataHashes(tileData({ level: 2, index: 0, width: 1 }, read));
    expect(hex(level2[0]!)).toBe(hex(rootFromLeafHashes(leafHashes.slice(0, 65536))));
  });

  it('reads stored level 8·L', () => {
    expect(tileHashReads({ level: 2, index: 1, width: 2 })).toEqual([
      { level: 16, index: 256 },
      { level: 16, index: 257 },
    ]);
  });

  // Each tile as wide as it gets at SIZE; a smaller tree's tile is a prefix of it.
  const widestTiles = new Map(
    tilesForTreeSize(SIZE).map((t) => [`${t.level}/${t.index}`, tileDataHashes(tileData(t, read))]),
  );

  // What a client does: rebuild any stored hash from the tiles of one tree size alone, then the root.
  function readerFromTiles(size: number): HashReader {
    const tiles = new Map(
      tilesForTreeSize(size).map((t) => [
        `${t.level}/${t.index}`,
        widestTiles.get(`${t.level}/${t.index}`)!.slice(0, t.width),
      ]),
    );
    return (level, index) => {
      const tileLevel = Math.floor(level / 8);
      const span = 2 ** (level - tileLevel * 8); // tile hashes under the wanted subtree
      const first = index * span;
      const hashes = tiles.get(`${tileLevel}/${Math.floor(first / 256)}`)?.slice(first % 256, (first % 256) + span);
      if (hashes === undefined || hashes.length !== span) throw new Error(`tiles do not cover ${level}/${index}`);
      return rootFromLeafHashes(hashes);
    };
  }

  it('suffice to recompute the root of the tree they were cut for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: SIZE }), (size) => {
        expect(hex(rootFromStoredHashes(size, readerFromTiles(size)))).toBe(hex(rootFromStoredHashes(size, read)));
      }),
      { numRuns: 200 },
    );
    expect(hex(rootFromStoredHashes(SIZE, readerFromTiles(SIZE)))).toBe(hex(rootFromLeafHashes(leafHashes)));
  });

  it('rejects tile data that is not whole hashes', () => {
    expect(() => tileDataHashes(new Uint8Array(0))).toThrow(RangeError);
    expect(() => tileDataHashes(new Uint8Array(33))).toThrow(RangeError);
    expect(() => tileDataHashes(new Uint8Array(257 * 32))).toThrow(RangeError);
    expect(() => tileData({ level: 0, index: 0, width: 2 }, () => new Uint8Array(31))).toThrow(RangeError);
  });
});

describe('entry bundles', () => {
  it('prefixes each entry with its big-endian uint16 length', () => {
    const bundle = encodeEntryBundle([new Uint8Array(), new TextEncoder().encode('a'), new Uint8Array(300).fill(7)]);
    expect(hex(bundle.subarray(0, 5))).toBe('0000000161');
    expect(hex(bundle.subarray(5, 7))).toBe('012c');
    expect(bundle).toHaveLength(2 + 3 + 302);
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 256 }), (entries) => {
        const decoded = decodeEntryBundle(encodeEntryBundle(entries), entries.length);
        expect(decoded.map(hex)).toEqual(entries.map(hex));
      }),
      { numRuns: 50 },
    );
  });

  it('handles the largest entry a uint16 can measure', () => {
    const entry = new Uint8Array(0xffff).fill(1);
    const bundle = encodeEntryBundle([entry]);
    expect(hex(bundle.subarray(0, 2))).toBe('ffff');
    expect(decodeEntryBundle(bundle)[0]).toHaveLength(0xffff);
    expect(() => encodeEntryBundle([new Uint8Array(0x10000)])).toThrow(EntryBundleError);
  });

  it.each([
    ['an empty bundle', new Uint8Array()],
    ['half a length', new Uint8Array([0])],
    ['an entry cut short', new Uint8Array([0, 3, 1, 2])],
    ['a stray trailing byte', new Uint8Array([0, 1, 9, 0])],
    ['257 entries', new Uint8Array(257 * 2)],
  ])('rejects %s', (_, bundle) => {
    expect(() => decodeEntryBundle(bundle)).toThrow(EntryBundleError);
  });

  it('rejects a bundle whose entry count does not match its path width', () => {
    const bundle = encodeEntryBundle([new Uint8Array([1]), new Uint8Array([2])]);
    expect(decodeEntryBundle(bundle, 2)).toHaveLength(2);
    expect(() => decodeEntryBundle(bundle, 3)).toThrow(EntryBundleError);
  });

  it('refuses to encode no entries or more than 256', () => {
    expect(() => encodeEntryBundle([])).toThrow(EntryBundleError);
    expect(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array()))).toThrow(EntryBundleError);
    expect(encodeEntryBundle(Array.from({ length: 256 }, () => new Uint8Array()))).toHaveLength(512);
  });
});
