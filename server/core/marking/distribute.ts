/**
 * Handing scripts to markers (issue 18): each script gets two different markers, and the load is spread
 * evenly: over every n scripts each marker is first once and second once, and the second marker's offset
 * turns with each round so the same two markers are not always paired. Pure and deterministic, so the
 * assignment of a sitting can be recomputed from its scripts' codes and the plan.
 */

export interface Assignment {
  first: string;
  second: string;
}

/** @param markers at least two distinct ids, in the plan's order */
export function distribute(scriptCount: number, markers: readonly string[]): Assignment[] {
  const n = markers.length;
  if (n < 2 || new Set(markers).size !== n) throw new RangeError('Double marking needs at least two distinct markers.');
  return Array.from({ length: scriptCount }, (_, i) => {
    const offset = 1 + (Math.floor(i / n) % (n - 1));
    return { first: markers[i % n]!, second: markers[(i + offset) % n]! };
  });
}
