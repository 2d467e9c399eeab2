/**
 * The option identifiers a candidate sees (DESIGN.md rule 11). Authors write options as `a`, `b`, `c`
 * and tend to put the right one first, so the authored ids must never reach a paper: a candidate
 * answering `a` everywhere would otherwise score far above chance without reading a question.
 *
 * Each option is shown under a label derived from the paper's seed, the question version and the
 * authored id by HMAC-SHA-256. Labels are all the same length and alphabet, differ from paper to
 * paper and from item to item, and their sort order is unrelated to the authored order, so nothing
 * about a label says anything about the key. They are reproducible from the seed (which never leaves
 * the server), so a stored answer is kept in authored ids and a review shows the labels the
 * candidate saw.
 */
import { createHmac } from 'node:crypto';

/** Crockford's base 32 in lower case (no i, l, o, u), so a label read aloud is unambiguous; 32 letters, so no bias. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 8 symbols of 5 bits: 2^40 labels per item, so a collision within an item is practically never. */
export const LABEL_LENGTH = 8;

export interface OptionLabels {
  /** The label shown for an authored option id. Throws for an id the item does not have. */
  shown(authoredId: string): string;
  /** The authored option id behind a label, or undefined for a label this item did not show. */
  authored(label: string): string | undefined;
  /** Whether the item has this authored option id. */
  has(authoredId: string): boolean;
}

function label(seed: string, versionId: string, optionId: string, round: number): string {
  const digest = createHmac('sha256', seed).update(`imtahan/option/v1\n${versionId}\n${optionId}\n${round}`).digest();
  let out = '';
  for (let i = 0; i < LABEL_LENGTH; i++) out += ALPHABET[digest[i]! & 31];
  return out;
}

/**
 * The labels of one item's options on one paper.
 *
 * @param seed the paper's seed (secret: derived from the server's paper secret and the attempt id)
 * @param versionId the question version on the paper
 * @param optionIds the version's authored option ids, in any order
 */
export function optionLabels(seed: string, versionId: string, optionIds: readonly string[]): OptionLabels {
  const toShown = new Map<string, string>();
  const toAuthored = new Map<string, string>();
  // Sorted so the outcome of the (astronomically rare) collision rule does not depend on input order.
  for (const id of [...new Set(optionIds)].sort()) {
    let round = 0;
    let shown = label(seed, versionId, id, round);
    while (toAuthored.has(shown)) shown = label(seed, versionId, id, ++round);
    toShown.set(id, shown);
    toAuthored.set(shown, id);
  }
  return {
    shown(authoredId) {
      const shown = toShown.get(authoredId);
      if (shown === undefined) throw new Error(`option "${authoredId}" is not one of the item's options`);
      return shown;
    },
    authored: (shown) => toAuthored.get(shown),
    has: (authoredId) => toShown.has(authoredId),
  };
}
