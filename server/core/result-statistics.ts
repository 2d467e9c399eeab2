/**
 * A sitting's published statistics and each candidate's rank, as DİM publishes them: pure functions of
 * the roster's outcomes, so the numbers in the log can be recomputed by anyone from the pass list.
 */

/** What became of one registered candidate. */
export type RosterOutcome =
  | { kind: 'absent' }
  | { kind: 'annulled' }
  | { kind: 'held' }
  | { kind: 'writing' }
  | { kind: 'sat'; points: number; passed: boolean };

// Type aliases rather than interfaces: they are logged as they are, and a log event takes plain JSON.
export type ScoreCount = {
  points: number;
  count: number;
};

export type SittingStatistics = {
  /** Everyone on the roster when booking closed: absent + annulled + sat (+ held, + writing). */
  registered: number;
  /** Never started. */
  absent: number;
  /** Taken out for a rule breach. */
  annulled: number;
  /** Finished and scored. */
  sat: number;
  /**
   * Finished, but held back because the attempt could not be scored, until an administrator releases
   * it. Present only when some are, so statistics published before holds existed read the same.
   */
  held?: number;
  /**
   * Started and not yet finalised (still writing, perhaps on an extension past the shift's end): never
   * counted as absent. Present only when some are; publication finalises them first, so never logged.
   */
  writing?: number;
  passed: number;
  /** How many who sat scored each total, lowest first; the counts add up to `sat`. */
  distribution: ScoreCount[];
};

export function sittingStatistics(outcomes: readonly RosterOutcome[]): SittingStatistics {
  const counts = new Map<number, number>();
  let absent = 0;
  let annulled = 0;
  let sat = 0;
  let passed = 0;
  let held = 0;
  let writing = 0;
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'absent':
        absent++;
        break;
      case 'annulled':
        annulled++;
        break;
      case 'held':
        held++;
        break;
      case 'writing':
        writing++;
        break;
      case 'sat':
        sat++;
        if (outcome.passed) passed++;
        counts.set(outcome.points, (counts.get(outcome.points) ?? 0) + 1);
        break;
    }
  }
  const distribution = [...counts.entries()].sort(([a], [b]) => a - b).map(([points, count]) => ({ points, count }));
  return {
    registered: outcomes.length,
    absent,
    annulled,
    sat,
    ...(held > 0 ? { held } : {}),
    ...(writing > 0 ? { writing } : {}),
    passed,
    distribution,
  };
}

/**
 * Competition ranking ("1224") by points, highest first: equal points share a rank, and the next rank
 * skips as many places as were shared. Returns each input's rank, in input order.
 */
export function competitionRanks(points: readonly number[]): number[] {
  const sorted = [...points].sort((a, b) => b - a);
  const firstPlace = new Map<number, number>();
  sorted.forEach((p, i) => {
    if (!firstPlace.has(p)) firstPlace.set(p, i + 1);
  });
  return points.map((p) => firstPlace.get(p)!);
}
