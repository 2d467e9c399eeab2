/**
 * Markers' agreement (issue 18): per marker, how their totals compare with the other blind marker's on the
 * same scripts, so a harsh or lenient marker is visible. Pure.
 */

export interface DoubleMarked {
  /** The two blind markings of one script; a script with fewer is not yet comparable and is skipped. */
  markings: readonly { markerId: string; total: number }[];
  /** Whether the two differed by more than the threshold, so the chief marked it too. */
  thirdMarked: boolean;
}

export interface MarkerAgreement {
  markerId: string;
  /** Scripts this marker double-marked whose partner has also marked. */
  scripts: number;
  /** Mean of (own total − partner's total): below 0 harsher than colleagues, above 0 more lenient. */
  meanDifference: number | null;
  /** Mean of |own − partner|. */
  meanAbsoluteDifference: number | null;
  /** Pearson correlation of own totals with the partners' over those scripts; null when either side never varies or n < 2. */
  correlation: number | null;
  /** Share of those scripts that needed a third marking. */
  thirdMarkingRate: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return round4(sxy / Math.sqrt(sxx * syy));
}

/** One row per marker who has a comparable script, ordered by marker id so the report is stable. */
export function markerAgreement(scripts: readonly DoubleMarked[]): MarkerAgreement[] {
  const pairs = new Map<string, { own: number[]; partner: number[]; third: number }>();
  for (const script of scripts) {
    if (script.markings.length < 2) continue;
    const [x, y] = script.markings as [{ markerId: string; total: number }, { markerId: string; total: number }];
    for (const [me, other] of [
      [x, y],
      [y, x],
    ] as const) {
      const entry = pairs.get(me.markerId) ?? { own: [], partner: [], third: 0 };
      entry.own.push(me.total);
      entry.partner.push(other.total);
      if (script.thirdMarked) entry.third++;
      pairs.set(me.markerId, entry);
    }
  }
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([markerId, { own, partner, third }]) => {
      const n = own.length;
      const diffs = own.map((o, i) => o - partner[i]!);
      return {
        markerId,
        scripts: n,
        meanDifference: round4(diffs.reduce((a, b) => a + b, 0) / n),
        meanAbsoluteDifference: round4(diffs.reduce((a, b) => a + Math.abs(b), 0) / n),
        correlation: pearson(own, partner),
        thirdMarkingRate: round4(third / n),
      };
    });
}
