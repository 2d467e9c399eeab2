/**
 * Scored attempts packed into typed arrays, for the analysis thread. As objects, a sitting of 5,000 candidates ×
 * 100 items is half a million responses, each with its own copy of the item's id and of the chosen options: read,
 * built and then copied into the thread by structured clone, that was 120 MiB of the server's heap and 90 MiB of
 * the thread's, at once, on exam day. Packed, a response is 16 bytes (item, chosen and group indexes into small
 * tables, and the mark), the arrays are moved to the thread instead of copied, and the thread rebuilds the
 * attempts with every response alike one shared object.
 */
import type { StatAttempt, StatResponse } from '../../core/item-statistics/index';

/** What the attempts of one sitting share: the language and the paper form they were analysed under. */
export interface AttemptGroup {
  language?: string;
  form?: string;
}

export interface PackedAttempts {
  ids: string[];
  groups: AttemptGroup[];
  /** Per attempt: its group's index. */
  group: Uint16Array;
  /** Per attempt: where its responses start; the last entry is the number of responses. */
  start: Uint32Array;
  /** Per response: the item's index in `items`. */
  item: Uint32Array;
  /** Per response: the chosen options' index in `choices`, −1 for none (null). */
  chosen: Int32Array;
  mark: Float64Array;
  items: string[];
  choices: string[][];
}

/** Bytes of typed arrays per response, and per attempt, in a packed set (the bound the tests hold it to). */
export const PACKED_BYTES_PER_RESPONSE = 4 + 4 + 8;
export const PACKED_BYTES_PER_ATTEMPT = 2 + 4;

/** A growable typed array: doubling, so that appending is amortised O(1) without knowing the count ahead. */
class Column<T extends Uint16Array | Uint32Array | Int32Array | Float64Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = this.make(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** The values at `indexes`, in a typed array of exactly that length. */
  pick(indexes: readonly number[] | null, length = this.length): T {
    if (!indexes) return this.data.slice(0, length) as T;
    const out = this.make(indexes.length);
    indexes.forEach((i, k) => (out[k] = this.data[i]!));
    return out;
  }
}

/**
 * Collects attempts one at a time (a page of rows read, packed and dropped before the next is read), then
 * packs those of one paper length for the thread.
 */
export class AttemptPacker {
  private readonly ids: string[] = [];
  private readonly groupOf = new Column(new Uint16Array(256), (n) => new Uint16Array(n));
  private readonly starts = new Column(new Uint32Array(256), (n) => new Uint32Array(n));
  private readonly items = new Column(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly chosen = new Column(new Int32Array(4096), (n) => new Int32Array(n));
  private readonly marks = new Column(new Float64Array(4096), (n) => new Float64Array(n));
  private readonly itemIndex = new Map<string, number>();
  private readonly choiceIndex = new Map<string, number>();
  private readonly groups: AttemptGroup[] = [];

  /** Adds a group of attempts (a sitting) and returns its index for `add`. */
  group(group: AttemptGroup): number {
    if (this.groups.length === 0xffff) throw new Error('too many attempt groups for one analysis');
    this.groups.push(group);
    return this.groups.length - 1;
  }

  add(id: string, group: number, responses: Iterable<StatResponse>): void {
    this.ids.push(id);
    this.groupOf.push(group);
    this.starts.push(this.items.length);
    for (const response of responses) {
      let item = this.itemIndex.get(response.item);
      if (item === undefined) this.itemIndex.set(response.item, (item = this.itemIndex.size));
      this.items.push(item);
      this.marks.push(response.mark);
      this.chosen.push(response.chosen === null || response.chosen === undefined ? -1 : this.choice(response.chosen));
    }
  }

  private choice(options: readonly string[]): number {
    // One entry per distinct list, in its order: a response's options are given back exactly as they came.
    const key = JSON.stringify(options);
    let index = this.choiceIndex.get(key);
    if (index === undefined) this.choiceIndex.set(key, (index = this.choiceIndex.size));
    return index;
  }

  get count(): number {
    return this.ids.length;
  }

  /** Each paper length (responses per attempt) and how many attempts have it. */
  lengths(): Map<number, number> {
    const out = new Map<number, number>();
    for (let a = 0; a < this.ids.length; a++) {
      const length = this.end(a) - this.starts.get(a);
      out.set(length, (out.get(length) ?? 0) + 1);
    }
    return out;
  }

  private end(a: number): number {
    return a + 1 < this.ids.length ? this.starts.get(a + 1) : this.items.length;
  }

  /** The attempts (all, or only those with `length` responses) packed, with how many of each group were kept. */
  pack(length?: number): { packed: PackedAttempts; perGroup: number[] } {
    const kept: number[] = [];
    for (let a = 0; a < this.ids.length; a++) {
      if (length === undefined || this.end(a) - this.starts.get(a) === length) kept.push(a);
    }
    const whole = kept.length === this.ids.length;
    const responses: number[] | null = whole ? null : [];
    const start = new Uint32Array(kept.length + 1);
    kept.forEach((a, k) => {
      start[k] = responses ? responses.length : this.starts.get(a);
      if (responses) for (let r = this.starts.get(a); r < this.end(a); r++) responses.push(r);
    });
    start[kept.length] = responses ? responses.length : this.items.length;
    const perGroup = this.groups.map(() => 0);
    for (const a of kept) perGroup[this.groupOf.get(a)]!++;
    const choices: string[][] = [];
    for (const [key, index] of this.choiceIndex) choices[index] = JSON.parse(key) as string[];
    return {
      packed: {
        ids: whole ? this.ids.slice() : kept.map((a) => this.ids[a]!),
        groups: this.groups.slice(),
        group: this.groupOf.pick(whole ? null : kept),
        start,
        item: this.items.pick(responses),
        chosen: this.chosen.pick(responses),
        mark: this.marks.pick(responses),
        items: [...this.itemIndex.keys()],
        choices,
      },
      perGroup,
    };
  }
}

/** Packs attempts given as objects (a whole set at once). */
export function packAttempts(attempts: readonly StatAttempt[]): PackedAttempts {
  const packer = new AttemptPacker();
  const groups = new Map<string, number>();
  for (const attempt of attempts) {
    const key = JSON.stringify([attempt.language ?? null, attempt.form ?? null]);
    let group = groups.get(key);
    if (group === undefined) {
      group = packer.group({
        ...(attempt.language !== undefined ? { language: attempt.language } : {}),
        ...(attempt.form !== undefined ? { form: attempt.form } : {}),
      });
      groups.set(key, group);
    }
    packer.add(attempt.id, group, attempt.responses);
  }
  return packer.pack().packed;
}

/** The buffers a packed set moves to the thread with (a transfer list): no copy is made. */
export function packedBuffers(packed: PackedAttempts): ArrayBuffer[] {
  return [packed.group, packed.start, packed.item, packed.chosen, packed.mark].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The attempts as the core's `analyseItems` takes them. Responses alike (the same item, mark and options) are
 * one shared object, as the core only reads them: a sitting has a few hundred kinds of response, not half a
 * million, so the thread holds an array of references per attempt (5,000 × 100: 4 MiB) instead of 36 MiB of
 * response objects.
 */
export function unpackAttempts(packed: PackedAttempts): StatAttempt[] {
  const { ids, groups, group, start, item, chosen, mark, items, choices } = packed;
  // By item and chosen list (one number), then by mark.
  const alike = new Map<number, Map<number, StatResponse>>();
  const response = (r: number): StatResponse => {
    const key = item[r]! * (choices.length + 1) + chosen[r]! + 1;
    let byMark = alike.get(key);
    if (!byMark) alike.set(key, (byMark = new Map()));
    let shared = byMark.get(mark[r]!);
    // A map takes −0 for 0: a −0 mark (negative marking's 0 × −1) keeps its own object, so it is given back as it came.
    if (!shared || !Object.is(shared.mark, mark[r])) {
      const c = chosen[r]!;
      shared = { item: items[item[r]!]!, mark: mark[r]!, chosen: c < 0 ? null : choices[c]! };
      if (!byMark.has(mark[r]!)) byMark.set(mark[r]!, shared);
    }
    return shared;
  };
  return ids.map((id, a) => {
    const responses: StatResponse[] = new Array<StatResponse>(start[a + 1]! - start[a]!);
    for (let r = start[a]!; r < start[a + 1]!; r++) responses[r - start[a]!] = response(r);
    return { id, ...groups[group[a]!], responses };
  });
}
