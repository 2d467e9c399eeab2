/**
 * A selection stage's gate: who of a stage's candidates goes through to the next stage. Pure and
 * deterministic, so anyone holding the published scores and the round's published gate recomputes the
 * same list.
 *
 * Scores are on the stage's 0–100 scale (four decimals, as published) and are compared as published.
 * The gate is a minimum score, a top share or a top number, or a minimum together with either.
 *
 * - **Top share** is a whole percentage of the candidates who have a result at this stage (those who
 *   sat or were marked), rounded **up**: 50 % of 7 is 4, so a share above zero never lets nobody
 *   through and never cuts a candidate who would be inside it by exact arithmetic.
 * - **Ties** are never split by the order of the rows or by any other key: candidates with equal scores
 *   share one rank and all go through or all stay. At the edge of a top share or number the round's
 *   published rule decides: `include` lets the whole tied group through (more than the limit may go),
 *   `exclude` lets none of it through (fewer may go).
 */

export const GATE_TIES = ['include', 'exclude'] as const;
export type GateTies = (typeof GATE_TIES)[number];

export const GATE_TOP_KINDS = ['share', 'number'] as const;
export type GateTopKind = (typeof GATE_TOP_KINDS)[number];

export interface Gate {
  /** The lowest score that may go through (inclusive), or null for none. */
  minScore: number | null;
  /** A whole percentage (1–100) or a number of candidates, or null for no top limit. */
  top: { kind: GateTopKind; value: number } | null;
  ties: GateTies;
}

export interface GateCandidate {
  /** The candidate code: it keys the result, never the order. */
  id: string;
  /** The stage score on 0–100, or null when the candidate has none (absent, not marked). */
  score: number | null;
}

export const GATE_REASONS = ['passed', 'no_result', 'below_minimum', 'outside_top', 'tie_at_limit'] as const;
export type GateReason = (typeof GATE_REASONS)[number];

export interface GateOutcome {
  id: string;
  score: number | null;
  /** 1 + the number of candidates with a strictly higher score; null without a score. */
  rank: number | null;
  advanced: boolean;
  reason: GateReason;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** How many places a top share or number gives among `withResult` candidates (share rounded up). */
export function topLimit(top: Gate['top'], withResult: number): number {
  if (top === null) return withResult;
  if (top.kind === 'number') return Math.max(0, Math.floor(top.value));
  // Integer arithmetic: ceil(share · n / 100) without floating-point error.
  return Math.floor((Math.floor(top.value) * withResult + 99) / 100);
}

/**
 * Applies the gate. The outcome lists every candidate, best first, then those without a score; within
 * one score in candidate-code order (a presentation order only: it never decides who goes through).
 */
export function applyGate(candidates: readonly GateCandidate[], gate: Gate): GateOutcome[] {
  const ids = new Set<string>();
  for (const c of candidates) {
    if (ids.has(c.id)) throw new RangeError(`stage gate: candidate ${c.id} appears twice`);
    ids.add(c.id);
  }
  const scored = candidates
    .filter((c): c is GateCandidate & { score: number } => c.score !== null && Number.isFinite(c.score))
    .map((c) => ({ id: c.id, score: round4(c.score) }));
  const limit = topLimit(gate.top, scored.length);
  const byCode = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  scored.sort((a, b) => b.score - a.score || byCode(a, b));

  const outcomes: GateOutcome[] = [];
  for (let start = 0; start < scored.length;) {
    // One tied group: every candidate with this score, who share rank start + 1.
    let end = start;
    while (end < scored.length && scored[end]!.score === scored[start]!.score) end++;
    const rank = start + 1;
    const score = scored[start]!.score;
    const reason: GateReason =
      gate.minScore !== null && score < round4(gate.minScore)
        ? 'below_minimum'
        : rank > limit
          ? 'outside_top'
          : end > limit && gate.ties === 'exclude'
            ? 'tie_at_limit'
            : 'passed';
    for (let i = start; i < end; i++)
      outcomes.push({ id: scored[i]!.id, score, rank, advanced: reason === 'passed', reason });
    start = end;
  }
  const unscored: GateOutcome[] = candidates
    .filter((c) => c.score === null || !Number.isFinite(c.score))
    .map((c) => ({ id: c.id, score: null, rank: null, advanced: false, reason: 'no_result' }));
  unscored.sort(byCode);
  return [...outcomes, ...unscored];
}
