/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Log entries are hashed, so the same event must always serialise to the same bytes, whoever writes it
 * and in whichever order its fields were assembled. JCS gives that: object members sorted by the UTF-16
 * code units of their names, numbers in the ECMAScript shortest round-trip form, and a fixed, minimal
 * set of string escapes.
 */

/** Raised for a value that has no JSON form; `path` points at it (`$.results[3].score`). */
export class CanonicalJsonError extends TypeError {
  override readonly name = 'CanonicalJsonError';

  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/**
 * Serialises `value` as RFC 8785 canonical JSON.
 *
 * Only what I-JSON can carry is accepted: `null`, booleans, finite numbers, strings of well-formed
 * UTF-16, arrays and plain objects. Anything else (undefined, functions, symbols, bigints, NaN,
 * ±Infinity, lone surrogates, dates, maps, class instances, sparse arrays, cycles) throws a
 * {@link CanonicalJsonError} rather than being dropped or coerced the way `JSON.stringify` would, so a
 * logged entry never silently differs from what the caller meant.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'number':
      return serialiseNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return fail(path, 'undefined has no JSON form');
    case 'bigint':
      return fail(path, 'bigint has no JSON form; convert it to a string or a safe number first');
    case 'function':
      return fail(path, 'a function has no JSON form');
    case 'symbol':
      return fail(path, 'a symbol has no JSON form');
    case 'object':
      if (value === null) return 'null';
      if (ancestors.has(value)) return fail(path, 'circular reference');
      ancestors.add(value);
      try {
        return Array.isArray(value) ? serialiseArray(value, path, ancestors) : serialiseObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
  }
}

function serialiseNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) return fail(path, `${String(value)} is not a finite number`);
  // ECMAScript Number::toString is exactly the serialisation RFC 8785 §3.2.2.3 prescribes; it also
  // renders -0 as "0", as the RFC requires.
  return String(value);
}

function serialiseArray(array: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) fail(`${path}[${i}]`, 'sparse array hole has no JSON form');
    parts.push(serialise(array[i], `${path}[${i}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serialiseObject(object: object, path: string, ancestors: Set<object>): string {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (object as { constructor?: { name?: unknown } }).constructor?.name;
    return fail(path, `only plain objects can be serialised, not ${typeof kind === 'string' ? kind : 'this object'}`);
  }
  if (Object.getOwnPropertySymbols(object).length > 0) return fail(path, 'symbol-keyed properties have no JSON form');

  const record = object as Record<string, unknown>;
  // The default string comparison orders by UTF-16 code units, which is RFC 8785 §3.2.3's order.
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = keys.map((key) => {
    const memberPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    return `${quote(key, memberPath)}:${serialise(record[key], memberPath, ancestors)}`;
  });
  return `{${members.join(',')}}`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls; everything else is written as is. */
function quote(text: string, path: string): string {
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      out += short;
    } else if (unit < 0x20) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) fail(path, `lone high surrogate at offset ${i} is not valid Unicode`);
      out += text[i]! + text[i + 1]!;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      fail(path, `lone low surrogate at offset ${i} is not valid Unicode`);
    } else {
      out += text[i]!;
    }
  }
  return `${out}"`;
}

function fail(path: string, problem: string): never {
  throw new CanonicalJsonError(path, problem);
}
