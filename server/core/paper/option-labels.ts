/**
 * The option identifiers a candidate sees (DESIGN.md rule 11). Authors write options as `a`, `b`, `c`
 * and tend to put the right one first, so the authored ids must never reach a paper: a candidate
 * answering `a` everywhere would otherwise score far above chance without reading a question.
 *
 * Each option is shown under a label derived by HMAC-SHA-256 from the paper's seed, the question version
 * and the authored ids. Labels are all the same length and alphabet, differ from paper to paper and from
 * item to item, and their sort order is unrelated to the authored order, so nothing about a label says
 * anything about the key. They are reproducible from the seed (which never leaves the server), so a
 * stored answer is kept in authored ids and a review shows the labels the candidate saw.
 *
 * Two schemes give the same kind of labels at different cost. A paper keeps the scheme it was drawn
 * under for good (its `labels` field, absent for scheme 1), because its candidate's browser may hold its
 * labels: in the offline queue, in a second tab, in a file of unsent answers.
 * - Scheme 1: one HMAC per option (≈ 450 a paper, a fifth of the server's CPU when 5,000 press Start).
 * - Scheme 2: one HMAC per item (two from seven options on): its 32 bytes are cut into labels of 40 bits.
 */
import { createHmac } from 'node:crypto';

/** Crockford's base 32 in lower case (no i, l, o, u), so a label read aloud is unambiguous; 32 letters, so no bias. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 8 symbols of 5 bits: 2^40 labels per item, so a collision within an item is practically never. */
export const LABEL_LENGTH = 8;

export const LABEL_SCHEMES = [1, 2] as const;
export type LabelScheme = (typeof LABEL_SCHEMES)[number];
/** The scheme of every paper drawn from now on. */
export const CURRENT_LABEL_SCHEME = 2 as const;

export interface OptionLabels {
  /** The label shown for an authored option id. Throws for an id the item does not have. */
  shown(authoredId: string): string;
  /** The authored option id behind a label, or undefined for a label this item did not show. */
  authored(label: string): string | undefined;
  /** Whether the item has this authored option id. */
  has(authoredId: string): boolean;
}

/** Scheme 1: an HMAC per option and per collision round, the low 5 bits of its first 8 bytes. */
function schemeOneLabel(seed: string, versionId: string, optionId: string, round: number): string {
  const digest = createHmac('sha256', seed).update(`imtahan/option/v1\n${versionId}\n${optionId}\n${round}`).digest();
  let out = '';
  for (let i = 0; i < LABEL_LENGTH; i++) out += ALPHABET[digest[i]! & 31];
  return out;
}

/** 5 bytes of a digest, 40 bits, as 8 symbols of 5 bits (every bit used, so 6 labels a digest). */
function labelAt(digest: Buffer, at: number): string {
  const high = digest[at]!;
  const low = digest.readUInt32BE(at + 1);
  let out = ALPHABET[high >>> 3]! + ALPHABET[((high & 7) << 2) | (low >>> 30)]!;
  for (let shift = 25; shift >= 0; shift -= 5) out += ALPHABET[(low >>> shift) & 31]!;
  return out;
}

const LABEL_BYTES = 5;
const LABELS_PER_BLOCK = Math.floor(32 / LABEL_BYTES);

/**
 * Scheme 2: the item's key stream, HMAC blocks `imtahan/option/v2\n<version>\n<block>` for block 0, 1, …,
 * read as consecutive 40-bit labels. The options, in sorted authored-id order, take the labels in turn,
 * skipping one an earlier option already has. The labels are independent and uniform, so which option
 * gets the first (or the lexicographically first) label says nothing about the authored order.
 */
function schemeTwoLabels(
  seed: string,
  versionId: string,
  sortedIds: readonly string[],
  take: (id: string, label: string) => boolean,
) {
  let block = 0;
  let digest: Buffer | undefined;
  let at = LABELS_PER_BLOCK;
  const next = () => {
    if (at === LABELS_PER_BLOCK) {
      digest = createHmac('sha256', seed).update(`imtahan/option/v2\n${versionId}\n${block++}`).digest();
      at = 0;
    }
    return labelAt(digest!, LABEL_BYTES * at++);
  };
  for (const id of sortedIds) while (!take(id, next()));
}

/**
 * The labels of one item's options on one paper.
 *
 * @param seed the paper's seed (secret: derived from the server's paper secret and the attempt id)
 * @param versionId the question version on the paper
 * @param optionIds the version's authored option ids, in any order
 * @param scheme the scheme the paper was drawn under (see the file comment)
 */
export function optionLabels(
  seed: string,
  versionId: string,
  optionIds: readonly string[],
  scheme: LabelScheme,
): OptionLabels {
  const toShown = new Map<string, string>();
  const toAuthored = new Map<string, string>();
  const take = (id: string, shown: string) => {
    if (toAuthored.has(shown)) return false;
    toShown.set(id, shown);
    toAuthored.set(shown, id);
    return true;
  };
  // Sorted so the labels (and the outcome of the astronomically rare collision rule) do not depend on input order.
  const sorted = [...new Set(optionIds)].sort();
  if (scheme === 2) schemeTwoLabels(seed, versionId, sorted, take);
  else
    for (const id of sorted) {
      let round = 0;
      while (!take(id, schemeOneLabel(seed, versionId, id, round))) round++;
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
