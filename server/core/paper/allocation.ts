/**
 * An assignment of pool items to quotas in which no item serves twice: the bipartite b-matching
 * that decides whether a paper can be drawn at all, and keeps deciding it while one is drawn.
 *
 * Why a matching and not a count per section: an item may suit several sections (one section takes
 * any legislation topic, a later one only the Constitution). Counting each section's candidates
 * alone says yes when the sections together need more than there is; filling them greedily says no
 * when a different choice for the first section would have left enough for the second. A maximum
 * matching, grown one augmenting path at a time (Ford–Fulkerson on unit item capacities), is exact.
 *
 * Quotas are activated in priority order. Augmenting paths only ever reroute items between quotas,
 * never take a unit away from an active quota, so each quota receives the most it can while every
 * earlier quota keeps what it already has: earlier sections have priority, and the result does not
 * depend on which augmenting paths happen to be found.
 */
import type { Quota } from './pool';

const FREE = -1;

export class Allocation {
  /** The quota each item serves, or FREE. */
  private readonly owner: Int32Array;
  /** Items chosen for the paper; they no longer move between quotas. */
  private readonly pinned: Uint8Array;
  private readonly members: Set<number>[];

  constructor(
    itemCount: number,
    private readonly quotas: readonly Quota[],
  ) {
    this.owner = new Int32Array(itemCount).fill(FREE);
    this.pinned = new Uint8Array(itemCount);
    this.members = quotas.map(() => new Set<number>());
  }

  /** An independent copy, so that one plan can serve many draws. */
  clone(): Allocation {
    const copy = new Allocation(this.owner.length, this.quotas);
    copy.owner.set(this.owner);
    copy.pinned.set(this.pinned);
    this.members.forEach((members, q) => members.forEach((item) => copy.members[q]!.add(item)));
    return copy;
  }

  /**
   * Activates quota `q` (quotas must be activated in order) and gives it as many items as it can
   * get without taking any from earlier quotas' totals, up to its requirement.
   *
   * @param measure also find how many it could get beyond its requirement (costlier: the search
   *   runs on past the requirement), for reports.
   * @returns with `measure`, how many items the quota could have received had it asked for more
   *   (its `available`); without, the same but capped at the requirement.
   */
  fill(q: number, measure: boolean): number {
    const quota = this.quotas[q]!;
    const members = this.members[q]!;
    const wanted = measure ? Infinity : quota.required;
    // Free candidates need no rerouting; taking them first keeps the search below short.
    for (const item of quota.candidates) {
      if (members.size >= wanted) break;
      if (this.owner[item] === FREE) this.assign(item, q);
    }
    while (members.size < wanted && this.augment(q));
    const available = members.size;
    for (const item of [...members].slice(quota.required)) this.release(item);
    return available;
  }

  /**
   * Chooses `item` for quota `q` if the paper can still be completed with it there, and pins it.
   * Every active quota must be full (the paper is feasible) and `q` must still lack pinned items.
   *
   * @returns false, changing nothing, when choosing the item would leave some quota short.
   */
  choose(item: number, q: number): boolean {
    if (this.pinned[item] === 1) return false;
    const previous = this.owner[item]!;
    if (previous === q) {
      this.pinned[item] = 1;
      return true;
    }
    // q is full, so one of its unpinned members must make room for the newcomer.
    const displaced = [...this.members[q]!].find((member) => this.pinned[member] === 0);
    if (displaced === undefined) throw new Error(`Quota ${q} is already complete`);
    if (previous !== FREE) this.release(item);
    this.release(displaced);
    this.assign(item, q);
    this.pinned[item] = 1;
    // The item's former quota is now one short; the displaced item is free to help refill it.
    if (previous === FREE || this.augment(previous)) return true;
    this.pinned[item] = 0;
    this.release(item);
    this.assign(displaced, q);
    this.assign(item, previous);
    return false;
  }

  /** The items serving quota `q`, ascending. */
  membersOf(q: number): number[] {
    return [...this.members[q]!].sort((a, b) => a - b);
  }

  /**
   * Finds one augmenting path from quota `start` to a free item (breadth-first over quotas) and
   * applies it: `start` gains one item, every quota on the path swaps one item for another, and
   * nothing else changes. Pinned items never move. Returns false, changing nothing, if none exists.
   */
  private augment(start: number): boolean {
    // For each quota reached: the quota that wants one of its items, and which item.
    const reachedFrom = new Map<number, { quota: number; item: number }>();
    const queue = [start];
    reachedFrom.set(start, { quota: start, item: FREE });
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      for (const item of this.quotas[current]!.candidates) {
        if (this.pinned[item] === 1) continue;
        const holder = this.owner[item]!;
        if (holder === current) continue;
        if (holder === FREE) {
          this.applyPath(reachedFrom, current, item);
          return true;
        }
        if (!reachedFrom.has(holder)) {
          reachedFrom.set(holder, { quota: current, item });
          queue.push(holder);
        }
      }
    }
    return false;
  }

  /** Moves `freeItem` into `quota`, then walks back, each quota handing one item to the one that wanted it. */
  private applyPath(reachedFrom: Map<number, { quota: number; item: number }>, quota: number, freeItem: number): void {
    this.assign(freeItem, quota);
    let current = quota;
    for (;;) {
      const step = reachedFrom.get(current)!;
      if (step.item === FREE) return;
      this.release(step.item);
      this.assign(step.item, step.quota);
      current = step.quota;
    }
  }

  private assign(item: number, q: number): void {
    this.owner[item] = q;
    this.members[q]!.add(item);
  }

  private release(item: number): void {
    const q = this.owner[item]!;
    if (q !== FREE) this.members[q]!.delete(item);
    this.owner[item] = FREE;
  }
}
