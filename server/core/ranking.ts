/**
 * The final ranking of a vacancy: each candidate's test score and interview score normalised to
 * 0–100, combined by the round's published weights. Pure and deterministic, so anyone holding the
 * published inputs recomputes the same order.
 */

export interface RankingWeights {
  test: number;
  interview: number;
}

export interface RankingCandidate {
  /** A stable key, the last tie-breaker: the candidate code. */
  id: string;
  testPoints: number;
  testMaxPoints: number;
  /** Each panel member's total for this candidate. */
  interviewTotals: readonly number[];
  /** The rubric's maximum total, the same for every member. */
  interviewMaxPoints: number;
}

export interface RankedCandidate {
  id: string;
  /** 1 for the best; every candidate has their own rank, ties being broken as below. */
  rank: number;
  testScore: number;
  interviewScore: number;
  finalScore: number;
}

/** Scores are published to four decimals, and compared as published, so a reader's arithmetic agrees. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function normalisedTest(candidate: Pick<RankingCandidate, 'testPoints' | 'testMaxPoints'>): number {
  return candidate.testMaxPoints > 0 ? round4((100 * candidate.testPoints) / candidate.testMaxPoints) : 0;
}

/** The panel's mean total, as a share of the rubric's maximum. */
export function normalisedInterview(
  candidate: Pick<RankingCandidate, 'interviewTotals' | 'interviewMaxPoints'>,
): number {
  const n = candidate.interviewTotals.length;
  if (n === 0 || candidate.interviewMaxPoints <= 0) return 0;
  const sum = candidate.interviewTotals.reduce((a, b) => a + b, 0);
  return round4((100 * sum) / (n * candidate.interviewMaxPoints));
}

export function finalScore(testScore: number, interviewScore: number, weights: RankingWeights): number {
  const total = weights.test + weights.interview;
  if (total <= 0) throw new RangeError('ranking: the weights must not both be zero');
  return round4((weights.test * testScore + weights.interview * interviewScore) / total);
}

/**
 * A staged round's combined score: each stage's 0–100 score weighted by the stage's published weight.
 * A stage weighted 0 is a gate only. Two stages weighted (1, 1) are `finalScore` with equal weights.
 */
export function weightedScore(parts: readonly { score: number; weight: number }[]): number {
  if (parts.some((p) => p.weight < 0)) throw new RangeError('ranking: weights must not be negative');
  const total = parts.reduce((n, p) => n + p.weight, 0);
  if (total <= 0) throw new RangeError('ranking: the weights must not all be zero');
  return round4(parts.reduce((n, p) => n + p.weight * p.score, 0) / total);
}

/**
 * Ranks by final score, highest first. Ties go to the higher interview score, then the higher test
 * score, then the candidate code in code-unit order: never to the order the rows came in.
 */
export function rankCandidates(candidates: readonly RankingCandidate[], weights: RankingWeights): RankedCandidate[] {
  if (weights.test < 0 || weights.interview < 0) throw new RangeError('ranking: weights must not be negative');
  const scored = candidates.map((c) => {
    const testScore = normalisedTest(c);
    const interviewScore = normalisedInterview(c);
    return { id: c.id, testScore, interviewScore, finalScore: finalScore(testScore, interviewScore, weights) };
  });
  scored.sort(
    (a, b) =>
      b.finalScore - a.finalScore ||
      b.interviewScore - a.interviewScore ||
      b.testScore - a.testScore ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return scored.map((s, i) => ({ ...s, rank: i + 1 }));
}

/** The first `places` of a ranking are to be appointed; the rest, in order, are the reserve list. */
export function splitRanking<T extends { rank: number }>(ranked: readonly T[], places: number) {
  const sorted = [...ranked].sort((a, b) => a.rank - b.rank);
  return { appointees: sorted.slice(0, Math.max(0, places)), reserve: sorted.slice(Math.max(0, places)) };
}
