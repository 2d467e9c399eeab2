import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('RFC 8785 published examples', () => {
  // §3.2.2, the input exactly as printed (parsed as JSON, so its escapes and number forms are the RFC's).
  const SAMPLE_INPUT = String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`;
  // §3.2.3, the canonical output.
  const SAMPLE_OUTPUT = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
  // §3.2.4, the same output as UTF-8 bytes.
  const SAMPLE_UTF8 = `
    7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
    75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
    5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
    65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
    5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
    30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;

  it('canonicalises the §3.2.2 sample to the §3.2.3 output', () => {
    expect(canonicalJson(JSON.parse(SAMPLE_INPUT))).toBe(SAMPLE_OUTPUT);
  });

  it('produces the §3.2.4 UTF-8 bytes', () => {
    const bytes = Buffer.from(canonicalJson(JSON.parse(SAMPLE_INPUT)), 'utf8');
    expect(bytes.toString('hex')).toBe(SAMPLE_UTF8.replace(/\s+/g, ''));
  });

  it('sorts the §3.2.3 property names by UTF-16 code units', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const expected =
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}';
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('orders the emoji (a surrogate pair, 0xD83D…) before U+FB33, unlike code point order would', () => {
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  // Appendix B: IEEE 754 bit patterns and their required serialisation.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s', (bits, expected) => {
    const value = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson([value])).toBe(`[${expected}]`);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('rejects the Appendix B non-finite double 0x%s (%s)', (bits, name) => {
    const value = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(() => canonicalJson({ score: value })).toThrow(new RegExp(`^\\$\\.score: ${name} is not a finite number$`));
  });

  it.each([
    [1e30, '1e+30'],
    [4.5, '4.5'],
    [0.002, '0.002'],
    [1e-27, '1e-27'],
    [-0, '0'],
    [333333333.3333333, '333333333.3333333'],
    [9007199254740992, '9007199254740992'],
  ])('serialises %d as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('strings', () => {
  it('escapes C0 controls in lowercase hex except the five with short forms', () => {
    const controls = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    expect(canonicalJson(controls)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
  });

  it('escapes only quote and backslash among printable characters, leaving / DEL and U+2028 alone', () => {
    expect(canonicalJson('a"b\\c/d\u007fe\u2028f\u2029')).toBe('"a\\"b\\\\c/d\u007fe\u2028f\u2029"');
  });

  it('writes non-ASCII text as is: Azerbaijani and Cyrillic names survive unescaped', () => {
    expect(canonicalJson({ ad: 'Şəhriyar Ağayev', имя: 'Ёж' })).toBe('{"ad":"Şəhriyar Ağayev","имя":"Ёж"}');
  });

  it('escapes property names the same way as values', () => {
    expect(canonicalJson({ 'a\nb': 1, 'q"': 2 })).toBe('{"a\\nb":1,"q\\"":2}');
  });

  it.each([
    ['a lone high surrogate', 'x\ud800', /lone high surrogate at offset 1/],
    ['a lone low surrogate', '\udc00y', /lone low surrogate at offset 0/],
    ['reversed surrogates', '\ude00\ud83d', /lone low surrogate/],
    ['a high surrogate at the end', 'ok\ud83d', /lone high surrogate at offset 2/],
  ])('rejects %s, which is not valid Unicode', (_, text, message) => {
    expect(() => canonicalJson({ name: text })).toThrow(message);
  });

  it('rejects a lone surrogate in a property name', () => {
    expect(() => canonicalJson({ ['\ud800']: 1 })).toThrow(CanonicalJsonError);
  });
});

describe('values that have no JSON form', () => {
  class Result {
    score = 1;
  }
  const sparse: unknown[] = [1];
  sparse[2] = 3;

  it.each([
    ['undefined', undefined, /^\$: undefined has no JSON form$/],
    ['an undefined member', { a: undefined }, /^\$\.a: undefined has no JSON form$/],
    ['an undefined array element', [1, undefined], /^\$\[1\]: undefined/],
    ['a function', { f: () => 1 }, /^\$\.f: a function/],
    ['a symbol', [Symbol('s')], /^\$\[0\]: a symbol/],
    ['a bigint', { big: 10n }, /^\$\.big: bigint has no JSON form/],
    ['NaN', Number.NaN, /NaN is not a finite number/],
    ['a Date', { at: new Date(0) }, /^\$\.at: only plain objects .* not Date$/],
    ['a Map', new Map(), /not Map/],
    ['a class instance', { r: new Result() }, /not Result/],
    ['a typed array', new Uint8Array(2), /not Uint8Array/],
    ['a sparse array', sparse, /^\$\[1\]: sparse array hole/],
    ['a symbol-keyed property', { [Symbol('k')]: 1 }, /symbol-keyed/],
    ['a deep problem', { a: [{ 'b c': [0, Infinity] }] }, /^\$\.a\[0\]\["b c"\]\[1\]: Infinity/],
  ])('rejects %s with a clear error naming where it is', (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('rejects cycles, but not the same object reached twice', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = { again: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/^\$\.self\.again: circular reference$/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('serialises the literals and empty containers', () => {
    expect(canonicalJson([null, true, false, {}, [], ''])).toBe('[null,true,false,{},[],""]');
  });
});

describe('properties', () => {
  const jsonValue = fc.jsonValue({ stringUnit: 'binary' });

  function sortKeysDeep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeysDeep);
    if (value === null || typeof value !== 'object') return value;
    // fromEntries makes own properties, so a key named "__proto__" stays a key (assignment would set the prototype).
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as Record<string, unknown>)[key])]),
    );
  }

  function reorderKeysDeep(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) return value.map((item) => reorderKeysDeep(item, seed));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value).reverse();
    const turn = keys.length === 0 ? 0 : seed % keys.length;
    return Object.fromEntries(
      [...keys.slice(turn), ...keys.slice(0, turn)].map((key) => [
        key,
        reorderKeysDeep((value as Record<string, unknown>)[key], seed),
      ]),
    );
  }

  it('is idempotent: canonicalising parsed canonical JSON gives the same text', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
      }),
    );
  });

  it('does not depend on the order in which keys were inserted', () => {
    fc.assert(
      fc.property(jsonValue, fc.nat(), (value, seed) => {
        expect(canonicalJson(reorderKeysDeep(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('agrees with JSON.stringify once keys are sorted (same escapes and numbers, no whitespace)', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortKeysDeep(value)));
      }),
    );
  });

  it('round-trips every double through JSON.parse exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(JSON.parse(canonicalJson(value))).toBe(Object.is(value, -0) ? 0 : value);
      }),
    );
  });
});
