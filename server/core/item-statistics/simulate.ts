/**
 * A simulated population for the demo and the tests: how candidates of a given ability answer items of a given
 * difficulty, under a three-parameter logistic model (3PL), with deliberately faulty items of the kinds the item
 * statistics must find. Pure and deterministic: the same seed, items and candidates give the same answers, and a
 * candidate's answer to an item depends only on the seed, the candidate and the item's stable key (never on who
 * else sat, in which order the items came, or the id a database gave the item), so the population can be answered
 * in chunks, and answers alike in every database it is seeded into.
 */

/** A fault planted in an item: what a real test's bad item does, so that the statistics have something to find. */
export type PlantedFault =
  /** The stored key is wrong: candidates who know the answer choose `believed`, which the key does not list. */
  | { kind: 'miskeyed'; believed: string }
  /** The item tells nobody apart: the chance of a right answer does not depend on ability. */
  | { kind: 'flat' }
  /** A distractor that strong candidates fall for more than weak ones (a second defensible answer). */
  | { kind: 'attracting'; option: string }
  /** Harder in one exam language than in the others (a translation problem), by `shift` logits. */
  | { kind: 'harder-in'; language: string; shift: number };

export interface SimulatedItem {
  id: string;
  /**
   * What the item's random streams are keyed by: a name the item has in every database (the demo's subject and
   * bank position), where `id` is one database's own (a version's random UUID). Defaults to `id`.
   */
  stableKey?: string;
  /** The authored option ids; empty for a short-answer item. */
  options: readonly string[];
  /** The keyed options among `options`; empty for a short-answer item. */
  key: readonly string[];
  /** 3PL parameters: b (logits), a (slope) and c (the lower asymptote: blind guessing). */
  difficulty: number;
  discrimination: number;
  guessing: number;
  fault?: PlantedFault;
}

export interface SimulatedCandidate {
  id: string;
  language: string;
  /** The ids of the items on the candidate's paper. */
  items: readonly string[];
}

export interface SimulatedResponse {
  item: string;
  /** The options chosen; null when the item was left unanswered or has no options. */
  chosen: string[] | null;
  /** Whether the answer matches the stored key (a short-answer item: whether an accepted text was written). */
  right: boolean;
  /** Left unanswered. */
  omitted: boolean;
}

export interface SimulatedAnswers {
  candidate: string;
  /** The latent ability θ (standard normal). */
  ability: number;
  responses: SimulatedResponse[];
}

/** Share of items a candidate leaves unanswered. */
const OMIT_RATE = 0.02;

/** 32-bit FNV-1a of a string: a stable, well-spread stream key from the seed and the ids. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast generator with good enough spread for simulation. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The candidate's ability: a standard normal draw from the seed and the candidate alone. */
export function abilityOf(seed: string, candidate: string): number {
  return normal(seededRandom(hash(`${seed}\u0000ability\u0000${candidate}`)));
}

/** The chance of a right answer under the 3PL model, for an item without a fault that changes it. */
export function chanceRight(item: SimulatedItem, ability: number, language: string): number {
  const fault = item.fault;
  if (fault?.kind === 'flat') return item.guessing + (1 - item.guessing) * logistic(-item.difficulty);
  const shift = fault?.kind === 'harder-in' && fault.language === language ? fault.shift : 0;
  return item.guessing + (1 - item.guessing) * logistic(item.discrimination * (ability - item.difficulty - shift));
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.min(list.length - 1, Math.floor(random() * list.length))]!;
}

function respond(item: SimulatedItem, ability: number, language: string, random: () => number): SimulatedResponse {
  if (random() < OMIT_RATE) return { item: item.id, chosen: null, right: false, omitted: true };
  const p = chanceRight(item, ability, language);
  const knows = random() < p;
  if (item.options.length === 0) return { item: item.id, chosen: null, right: knows, omitted: false };

  const key = new Set(item.key);
  const distractors = item.options.filter((o) => !key.has(o));
  const fault = item.fault;
  let chosen: string[];
  if (fault?.kind === 'miskeyed') {
    // The population answers as if `believed` were the key: the stored key is only ever chosen by those who guess.
    chosen = knows
      ? [fault.believed]
      : [
          pick(
            item.options.filter((o) => o !== fault.believed),
            random,
          ),
        ];
  } else if (fault?.kind === 'attracting' && random() < 0.5 * logistic(4 * (ability - 0.3))) {
    // The stronger the candidate, the likelier they read the distractor as the better answer: half of the
    // strongest do, hardly any of the weak, whose guesses (a third of them on this option) are noise. With a
    // gentler rise (a slope of 2) the option's point-biserial in a 300-strong sitting was about 0.20 ± 0.05
    // over paper draws, too near the 0.05 the flag needs; with 4 it is about 0.26 ± 0.03.
    chosen = [fault.option];
  } else if (knows) {
    chosen = [...item.key];
  } else {
    chosen = distractors.length > 0 ? [pick(distractors, random)] : [];
  }
  if (chosen.length === 0) return { item: item.id, chosen: null, right: false, omitted: true };
  const right = chosen.length === key.size && chosen.every((o) => key.has(o));
  return { item: item.id, chosen, right, omitted: false };
}

/**
 * Each candidate's answers to the items on their paper, in paper order.
 * @throws Error for a paper that names an item not in `items`.
 */
export function simulateAnswers(
  seed: string,
  items: readonly SimulatedItem[],
  candidates: readonly SimulatedCandidate[],
): SimulatedAnswers[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return candidates.map((candidate) => {
    const ability = abilityOf(seed, candidate.id);
    const responses = candidate.items.map((id) => {
      const item = byId.get(id);
      if (!item) throw new Error(`candidate ${candidate.id}: unknown item ${id}`);
      const random = seededRandom(hash(`${seed}\u0000${candidate.id}\u0000${item.stableKey ?? id}`));
      return respond(item, ability, candidate.language, random);
    });
    return { candidate: candidate.id, ability, responses };
  });
}

/**
 * Plausible 3PL parameters for an item from its authored difficulty, drawn from the seed and the item's id:
 * b around −1, 0 or 1 logits, a between 1 and 2 (items that tell candidates apart, so that only the planted faults
 * stand out), c the chance of guessing among `optionCount` options (0.05 for a short answer).
 */
export function itemParameters(
  seed: string,
  id: string,
  level: 'easy' | 'medium' | 'hard',
  optionCount: number,
): Pick<SimulatedItem, 'difficulty' | 'discrimination' | 'guessing'> {
  const random = seededRandom(hash(`${seed}\u0000item\u0000${id}`));
  const centre = level === 'easy' ? -1 : level === 'hard' ? 1 : 0;
  return {
    difficulty: centre + (random() - 0.5),
    discrimination: 1 + random(),
    guessing: optionCount > 0 ? 1 / optionCount : 0.05,
  };
}
