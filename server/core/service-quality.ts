import { bakuMonth } from './working-days';

/**
 * The public service-quality figures (issue 17): per topic and month, how many questions came, how many were
 * answered, how long the first answer took (median and 90th percentile), the share answered within the
 * published target, and the satisfaction score. Counts and times only: nothing here names a question or a person.
 */

/** One question as the figures see it: when it came, when it was first answered, when it was due. */
export interface QuestionFact {
  topic: string;
  receivedAt: Date;
  firstAnsweredAt: Date | null;
  targetAt: Date;
}

/** One rating as the figures see it. */
export interface RatingFact {
  topic: string;
  ratedAt: Date;
  score: number;
}

export interface QualityRow {
  /** `YYYY-MM` in Baku: the month a question arrived, or a rating was given. */
  month: string;
  topic: string;
  received: number;
  answered: number;
  /** Hours to the first answer over the answered questions, one decimal; null when none was answered. */
  medianHours: number | null;
  p90Hours: number | null;
  /**
   * Answered by the target, out of the questions whose outcome is known: answered, or still open past the
   * target. Open questions not yet due count neither way. Null when there are none.
   */
  withinTarget: number | null;
  /** Questions the share is taken over. */
  due: number;
  ratings: number;
  /** The mean rating (1–5), two decimals; null without ratings. */
  satisfaction: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * The p-th percentile (0 < p ≤ 1) of ascending values by the nearest-rank method: always one of the values,
 * so a published "90th percentile" is a time some asker really waited.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  if (!(p > 0 && p <= 1)) throw new RangeError('p must be in (0, 1]');
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** The figures per topic and month, newest month first and topics in the order given (others after, by name). */
export function serviceQuality(
  questions: readonly QuestionFact[],
  ratings: readonly RatingFact[],
  now: Date,
  topicOrder: readonly string[] = [],
): QualityRow[] {
  interface Cell {
    month: string;
    topic: string;
    received: number;
    waits: number[];
    due: number;
    inTime: number;
    scores: number[];
  }
  const cells = new Map<string, Cell>();
  const cell = (month: string, topic: string): Cell => {
    const key = `${month}|${topic}`;
    let found = cells.get(key);
    if (!found) {
      found = { month, topic, received: 0, waits: [], due: 0, inTime: 0, scores: [] };
      cells.set(key, found);
    }
    return found;
  };

  for (const q of questions) {
    const c = cell(bakuMonth(q.receivedAt), q.topic);
    c.received++;
    if (q.firstAnsweredAt) {
      c.waits.push(Math.max(0, q.firstAnsweredAt.getTime() - q.receivedAt.getTime()));
      c.due++;
      if (q.firstAnsweredAt.getTime() <= q.targetAt.getTime()) c.inTime++;
    } else if (q.targetAt.getTime() <= now.getTime()) {
      c.due++;
    }
  }
  for (const r of ratings) cell(bakuMonth(r.ratedAt), r.topic).scores.push(r.score);

  const rank = (topic: string) => {
    const at = topicOrder.indexOf(topic);
    return at === -1 ? topicOrder.length : at;
  };
  return [...cells.values()]
    .sort((a, b) =>
      a.month !== b.month
        ? a.month < b.month
          ? 1
          : -1
        : rank(a.topic) - rank(b.topic) || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0),
    )
    .map((c) => {
      const waits = [...c.waits].sort((x, y) => x - y);
      return {
        month: c.month,
        topic: c.topic,
        received: c.received,
        answered: waits.length,
        medianHours: waits.length ? round(nearestRank(waits, 0.5) / HOUR_MS, 1) : null,
        p90Hours: waits.length ? round(nearestRank(waits, 0.9) / HOUR_MS, 1) : null,
        withinTarget: c.due ? round(c.inTime / c.due, 4) : null,
        due: c.due,
        ratings: c.scores.length,
        satisfaction: c.scores.length ? round(c.scores.reduce((s, x) => s + x, 0) / c.scores.length, 2) : null,
      };
    });
}
