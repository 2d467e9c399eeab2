import { chiSquare1Upper, fCdf } from './distributions';
import { FLAG_THRESHOLDS } from './flags';
import { correlation, cronbach, mean, median, oneWayAnova, shape, variance } from './measures';
import type {
  DifClass,
  DifResult,
  FormsComparison,
  HistogramBin,
  ItemAnalysis,
  ItemFlag,
  ItemStatistics,
  OptionStatistics,
  PositionComparison,
  SectionStatistics,
  StatAttempt,
  StatisticsOptions,
  StatItem,
  TestStatistics,
} from './types';

export class StatisticsInputError extends Error {
  readonly code = 'STATISTICS_INPUT';
}

const DEFAULTS: Required<StatisticsOptions> = {
  groupFraction: 0.27,
  difMinGroup: 100,
  formMinSize: 30,
  histogramBins: 10,
};

const EPS = 1e-9;
/** Covariances this close to 0 are rounding noise: √ would magnify it into a visible weight. */
const COV_ZERO = 1e-10;
const snap = (c: number) => (Math.abs(c) < COV_ZERO ? 0 : c);

/** Per-item working data: who saw it, their marks and rest scores. */
interface ItemWork {
  info: StatItem;
  section: number;
  attemptIdx: number[];
  marks: number[];
  chosen: (readonly string[] | null)[];
  slots: Set<number>;
}

/**
 * Item analysis of scored attempts: pure, deterministic, and invariant under reordering the attempts
 * (ties are broken by attempt id) or the items.
 *
 * Moodle's definitions are kept where Moodle has one. Where papers draw different questions at a
 * position, Cronbach's α and the effective weights' denominator are over positions (slots), as Moodle does
 * for random questions, and each question's own measures are over the attempts that had it.
 *
 * @throws StatisticsInputError for an unknown item, a mark above its maximum, or attempts with different numbers of slots.
 */
export function analyseItems(
  items: readonly StatItem[],
  attempts: readonly StatAttempt[],
  options: StatisticsOptions = {},
): ItemAnalysis {
  const opts = { ...DEFAULTS, ...options };
  const byId = new Map<string, ItemWork>();
  for (const info of items) {
    if (!(info.maxMark > 0)) throw new StatisticsInputError(`item ${info.id}: maxMark must be above 0`);
    byId.set(info.id, { info, section: info.section ?? 0, attemptIdx: [], marks: [], chosen: [], slots: new Set() });
  }
  const n = attempts.length;
  const slotCount = n > 0 ? attempts[0]!.responses.length : 0;
  const totals = new Float64Array(n);
  const maxima = new Float64Array(n);
  const slotMarks: Float64Array[] = Array.from({ length: slotCount }, () => new Float64Array(n));
  const slotMax = new Float64Array(slotCount);
  const slotSection = new Int32Array(slotCount);
  const sectionIds = new Set<number>();

  attempts.forEach((attempt, a) => {
    if (attempt.responses.length !== slotCount) {
      throw new StatisticsInputError(`attempt ${attempt.id}: ${attempt.responses.length} slots, expected ${slotCount}`);
    }
    let total = 0;
    let max = 0;
    attempt.responses.forEach((response, s) => {
      const work = byId.get(response.item);
      if (!work) throw new StatisticsInputError(`attempt ${attempt.id}: unknown item ${response.item}`);
      if (!Number.isFinite(response.mark) || response.mark > work.info.maxMark + EPS) {
        throw new StatisticsInputError(
          `attempt ${attempt.id}, item ${response.item}: mark ${response.mark} above ${work.info.maxMark}`,
        );
      }
      total += response.mark;
      max += work.info.maxMark;
      slotMarks[s]![a] = response.mark;
      if (a === 0) {
        slotMax[s] = work.info.maxMark;
        slotSection[s] = work.section;
        sectionIds.add(work.section);
      }
      work.attemptIdx.push(a);
      work.marks.push(response.mark);
      work.chosen.push(response.chosen ?? null);
      work.slots.add(s);
    });
    totals[a] = total;
    maxima[a] = max;
  });

  const totalMax = slotMax.reduce((s, v) => s + v, 0);
  const test = testStatistics(totals, slotMarks, totalMax);

  const sections: SectionStatistics[] = [...sectionIds]
    .sort((x, y) => x - y)
    .map((section) => {
      const slots = [...slotSection.keys()].filter((s) => slotSection[s] === section);
      const sectionTotals = new Float64Array(n);
      for (const s of slots) for (let a = 0; a < n; a++) sectionTotals[a]! += slotMarks[s]![a]!;
      const max = slots.reduce((sum, s) => sum + slotMax[s]!, 0);
      return {
        section,
        slots: slots.length,
        ...testStatistics(
          sectionTotals,
          slots.map((s) => slotMarks[s]!),
          max,
        ),
      };
    });

  // Upper and lower groups by total score, ties broken by attempt id so the input order never matters.
  const order = [...attempts.keys()].sort(
    (x, y) =>
      totals[y]! - totals[x]! || (attempts[x]!.id < attempts[y]!.id ? -1 : attempts[x]!.id > attempts[y]!.id ? 1 : 0),
  );
  const groupSize = n >= 4 ? Math.max(1, Math.round(opts.groupFraction * n)) : 0;
  const group = new Int8Array(n); // 1 upper, −1 lower
  for (let i = 0; i < groupSize; i++) {
    group[order[i]!] = 1;
    group[order[n - 1 - i]!] = -1;
  }

  // Effective weights: Moodle's denominator is the sum over slots of √cov(slot, total), negatives left out.
  const totalMean = n > 0 ? mean(totals) : 0;
  let sqrtCovSum = 0;
  for (let s = 0; s < slotCount; s++) {
    const c = covarianceWith(slotMarks[s]!, totals, totalMean);
    if (c !== null && snap(c) > 0) sqrtCovSum += Math.sqrt(c);
  }

  const itemStats: ItemStatistics[] = [];
  for (const work of byId.values()) {
    if (work.attemptIdx.length === 0) continue;
    itemStats.push(itemStatistics(work, totals, group, totalMax, sqrtCovSum));
  }
  itemStats.sort((x, y) => x.section - y.section || (x.item < y.item ? -1 : x.item > y.item ? 1 : 0));

  const dif = differentialItemFunctioning([...byId.values()], attempts, totals, opts.difMinGroup);
  for (const result of dif) {
    if (result.class !== 'C' || byId.get(result.item)?.info.annulled) continue;
    itemStats
      .find((i) => i.item === result.item)
      ?.flags.push({ code: 'dif-c', groups: `${result.reference}/${result.focal}` });
  }

  return {
    test,
    sections,
    items: itemStats,
    dif,
    positions: positionComparisons(slotMarks, slotSection, attempts, new Map(items.map((i) => [i.id, i.maxMark]))),
    forms: formsComparison(attempts, totals, maxima, opts.formMinSize),
    histogram: scoreHistogram(
      Array.from(totals, (t, a) => (maxima[a]! > 0 ? (100 * t) / maxima[a]! : 0)),
      opts.histogramBins,
    ),
  };
}

function covarianceWith(x: ArrayLike<number>, y: ArrayLike<number>, yMean: number): number | null {
  const n = x.length;
  if (n < 2) return null;
  const xMean = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - xMean) * (y[i]! - yMean);
  return s / (n - 1);
}

function testStatistics(totals: Float64Array, slots: readonly Float64Array[], maxMark: number): TestStatistics {
  const n = totals.length;
  const sorted = Float64Array.from(totals).sort();
  const v = variance(totals);
  const sd = v === null ? null : Math.sqrt(v);
  const { skewness, kurtosis } = shape(totals);
  const slotVariances = slots.map((s) => variance(s) ?? 0);
  const { alpha, lower, upper } = cronbach(slotVariances, v, n);
  const cic = alpha === null ? null : 100 * alpha;
  const errorRatio = alpha === null || alpha > 1 ? null : 100 * Math.sqrt(1 - alpha);
  return {
    attempts: n,
    maxMark,
    mean: n > 0 ? mean(totals) : null,
    median: median(sorted),
    sd,
    skewness,
    kurtosis,
    cic,
    cicLower: lower === null ? null : 100 * lower,
    cicUpper: upper === null ? null : 100 * upper,
    errorRatio,
    standardError: errorRatio === null || sd === null ? null : (errorRatio / 100) * sd,
  };
}

function itemStatistics(
  work: ItemWork,
  totals: Float64Array,
  group: Int8Array,
  totalMax: number,
  sqrtCovSum: number,
): ItemStatistics {
  const { info } = work;
  const s = work.marks.length;
  const max = info.maxMark;
  const x = Float64Array.from(work.marks);
  const total = Float64Array.from(work.attemptIdx, (a) => totals[a]!);
  const rest = Float64Array.from(total, (t, i) => t - x[i]!);
  const xMean = mean(x);
  const restMean = mean(rest);
  const totalMean = mean(total);
  const varX = variance(x);
  const varRest = variance(rest);
  let covRest = 0;
  let covTotal = 0;
  for (let i = 0; i < s; i++) {
    covRest += (x[i]! - xMean) * (rest[i]! - restMean);
    covTotal += (x[i]! - xMean) * (total[i]! - totalMean);
  }
  const ok = s >= 2;
  covRest = ok ? covRest / (s - 1) : 0;
  covTotal = ok ? covTotal / (s - 1) : 0;

  const r = ok && varX !== null && varRest !== null ? correlation(covRest, varX, varRest) : null;

  // Discriminative efficiency: the covariance over the largest one the two marginal distributions allow.
  let efficiency: number | null = null;
  if (ok && r !== null) {
    const xs = Float64Array.from(x).sort();
    const rs = Float64Array.from(rest).sort();
    let covMax = 0;
    for (let i = 0; i < s; i++) covMax += (xs[i]! - xMean) * (rs[i]! - restMean);
    covMax /= s - 1;
    if (covMax > 1e-12) efficiency = (100 * covRest) / covMax;
  }

  let upperSum = 0;
  let upperN = 0;
  let lowerSum = 0;
  let lowerN = 0;
  for (let i = 0; i < s; i++) {
    const g = group[work.attemptIdx[i]!]!;
    if (g === 1) {
      upperSum += x[i]! / max;
      upperN++;
    } else if (g === -1) {
      lowerSum += x[i]! / max;
      lowerN++;
    }
  }
  const upperFacility = upperN > 0 ? upperSum / upperN : null;
  const lowerFacility = lowerN > 0 ? lowerSum / lowerN : null;

  const facility = xMean / max;
  const sd = varX === null ? null : Math.sqrt(varX) / max;
  const discriminationIndex = r === null ? null : 100 * r;
  // A covariance within rounding of 0 counts as 0, so the summation order cannot turn a weight into null.
  const effectiveWeight =
    ok && covTotal > -COV_ZERO && sqrtCovSum > 0 ? (100 * Math.sqrt(Math.max(0, snap(covTotal)))) / sqrtCovSum : null;

  const { options, omitted } = optionStatistics(work, rest, restMean, varRest, group);
  const stats: ItemStatistics = {
    item: info.id,
    section: work.section,
    annulled: info.annulled ?? false,
    attempts: s,
    facility,
    sd,
    randomGuessScore: info.randomGuessScore ?? null,
    intendedWeight: totalMax > 0 ? (100 * max) / totalMax : 0,
    effectiveWeight,
    discriminationIndex,
    discriminativeEfficiency: efficiency,
    upperFacility,
    lowerFacility,
    upperLowerDiscrimination: upperFacility !== null && lowerFacility !== null ? upperFacility - lowerFacility : null,
    omitted,
    options,
    flags: [],
  };
  stats.flags = itemFlags(stats);
  return stats;
}

function optionStatistics(
  work: ItemWork,
  rest: Float64Array,
  restMean: number,
  varRest: number | null,
  group: Int8Array,
): { options: OptionStatistics[]; omitted: number } {
  const ids = work.info.options ?? [];
  if (ids.length === 0) return { options: [], omitted: 0 };
  const index = new Map(ids.map((id, i) => [id, i]));
  const s = work.marks.length;
  const count = new Float64Array(ids.length);
  const upper = new Float64Array(ids.length);
  const lower = new Float64Array(ids.length);
  const restSum = new Float64Array(ids.length);
  let omitted = 0;
  for (let i = 0; i < s; i++) {
    const chosen = work.chosen[i];
    if (!chosen || chosen.length === 0) {
      omitted++;
      continue;
    }
    const g = group[work.attemptIdx[i]!]!;
    for (const id of chosen) {
      const o = index.get(id);
      if (o === undefined) continue;
      count[o]!++;
      restSum[o]! += rest[i]!;
      if (g === 1) upper[o]!++;
      else if (g === -1) lower[o]!++;
    }
  }
  const key = new Set(work.info.key ?? []);
  const options = ids.map((option, o) => {
    const c = count[o]!;
    let pointBiserial: number | null = null;
    if (s >= 2 && varRest !== null && c > 0 && c < s) {
      const cov = (restSum[o]! - c * restMean) / (s - 1);
      const varI = (c * (s - c)) / (s * (s - 1));
      pointBiserial = correlation(cov, varI, varRest);
    }
    return {
      option,
      correct: key.has(option),
      count: c,
      fraction: c / s,
      upper: upper[o]!,
      lower: lower[o]!,
      pointBiserial,
    };
  });
  return { options, omitted };
}

/**
 * The flags an item's measures raise, by FLAG_THRESHOLDS. DIF flags are added by the caller. Comparisons
 * allow 1e-9 so that a value at a threshold, computed in another summation order, flags the same way.
 */
export function itemFlags(stats: ItemStatistics): ItemFlag[] {
  const t = FLAG_THRESHOLDS;
  const below = (value: number | null, threshold: number) => value !== null && value < threshold - 1e-9;
  const above = (value: number | null, threshold: number) => value !== null && value > threshold + 1e-9;
  const flags: ItemFlag[] = [];
  if (stats.attempts < t.minAttempts || stats.annulled) return flags;
  const f = stats.facility;
  if (above(f, t.tooEasyAbove)) flags.push({ code: 'too-easy' });
  if (below(f, t.tooHardBelow) || (stats.randomGuessScore !== null && below(f, stats.randomGuessScore))) {
    flags.push({ code: 'too-hard' });
  }
  const di = stats.discriminationIndex;
  if (below(di, 0)) flags.push({ code: 'negative-discrimination' });
  else if (below(di, t.lowDiscriminationBelow)) flags.push({ code: 'low-discrimination' });
  if (below(stats.discriminativeEfficiency, t.lowEfficiencyBelow)) flags.push({ code: 'low-efficiency' });
  for (const o of stats.options) {
    if (o.correct) continue;
    if (o.count === 0 && stats.attempts >= t.deadDistractorMinAttempts) {
      flags.push({ code: 'dead-distractor', option: o.option });
    } else if (above(o.pointBiserial, t.attractingPointBiserialAbove) && o.upper > o.lower) {
      flags.push({ code: 'attracting-distractor', option: o.option });
    }
  }
  return flags;
}

/**
 * Mantel–Haenszel DIF between each pair of languages with at least `minGroup` attempts on the item,
 * matched on the rest score (rounded to whole marks), right = full marks. The reference group is the
 * pair's first language in alphabetical order. ETS classes (Zwick 2012): A when |D| < 1 or χ²
 * is not significant at 5 %; C when |D| ≥ 1.5 and significantly above 1 (one-sided 5 %); B otherwise.
 */
function differentialItemFunctioning(
  works: readonly ItemWork[],
  attempts: readonly StatAttempt[],
  totals: Float64Array,
  minGroup: number,
): DifResult[] {
  const languages = [...new Set(attempts.map((a) => a.language).filter((l): l is string => !!l))].sort();
  const results: DifResult[] = [];
  for (let i = 0; i < languages.length; i++) {
    for (let j = i + 1; j < languages.length; j++) {
      const reference = languages[i]!;
      const focal = languages[j]!;
      for (const work of works) {
        const result = mantelHaenszel(work, attempts, totals, reference, focal, minGroup);
        if (result) results.push(result);
      }
    }
  }
  return results.sort((x, y) => (x.item < y.item ? -1 : x.item > y.item ? 1 : 0) || (x.focal < y.focal ? -1 : 1));
}

function mantelHaenszel(
  work: ItemWork,
  attempts: readonly StatAttempt[],
  totals: Float64Array,
  reference: string,
  focal: string,
  minGroup: number,
): DifResult | null {
  // stratum → [A: ref right, B: ref wrong, C: focal right, D: focal wrong]
  const strata = new Map<number, [number, number, number, number]>();
  let nR = 0;
  let nF = 0;
  const max = work.info.maxMark;
  work.attemptIdx.forEach((a, i) => {
    const language = attempts[a]!.language;
    const isRef = language === reference;
    if (!isRef && language !== focal) return;
    const mark = work.marks[i]!;
    const right = mark >= max - EPS;
    const stratum = Math.round(totals[a]! - mark);
    let cell = strata.get(stratum);
    if (!cell) strata.set(stratum, (cell = [0, 0, 0, 0]));
    cell[(isRef ? 0 : 2) + (right ? 0 : 1)]! += 1;
    if (isRef) nR++;
    else nF++;
  });
  if (nR < minGroup || nF < minGroup) return null;
  let R = 0;
  let S = 0;
  let PR = 0;
  let PSQR = 0;
  let QS = 0;
  let sumA = 0;
  let sumE = 0;
  let sumV = 0;
  for (const [A, B, C, D] of strata.values()) {
    const N = A + B + C + D;
    if (N < 2) continue;
    const r = (A * D) / N;
    const s = (B * C) / N;
    const p = (A + D) / N;
    const q = (B + C) / N;
    R += r;
    S += s;
    PR += p * r;
    PSQR += p * s + q * r;
    QS += q * s;
    const nRef = A + B;
    const nFoc = C + D;
    const m1 = A + C;
    const m0 = B + D;
    sumA += A;
    sumE += (nRef * m1) / N;
    sumV += (nRef * nFoc * m1 * m0) / (N * N * (N - 1));
  }
  const base = { item: work.info.id, reference, focal, nReference: nR, nFocal: nF };
  if (!(R > 0) || !(S > 0)) {
    return { ...base, alphaMH: null, dDif: null, se: null, chiSquare: null, p: null, class: null };
  }
  const alphaMH = R / S;
  const dDif = -2.35 * Math.log(alphaMH);
  const varLog = PR / (2 * R * R) + PSQR / (2 * R * S) + QS / (2 * S * S);
  const se = 2.35 * Math.sqrt(varLog);
  const chiSquare = sumV > 0 ? Math.max(0, Math.abs(sumA - sumE) - 0.5) ** 2 / sumV : 0;
  const p = chiSquare1Upper(chiSquare);
  return { ...base, alphaMH, dDif, se, chiSquare, p, class: etsClass(dDif, se, p) };
}

export function etsClass(dDif: number, se: number, p: number): DifClass {
  const abs = Math.abs(dDif);
  if (abs < 1 || p >= 0.05) return 'A';
  if (abs >= 1.5 && se > 0 && (abs - 1) / se > 1.645) return 'C';
  return 'B';
}

function positionComparisons(
  slotMarks: readonly Float64Array[],
  slotSection: Int32Array,
  attempts: readonly StatAttempt[],
  maxMarks: ReadonlyMap<string, number>,
): PositionComparison[] {
  const out: PositionComparison[] = [];
  slotMarks.forEach((_, slot) => {
    const byItem = new Map<string, number[]>();
    attempts.forEach((attempt) => {
      const response = attempt.responses[slot]!;
      let list = byItem.get(response.item);
      if (!list) byItem.set(response.item, (list = []));
      list.push(response.mark);
    });
    if (byItem.size < 2) return;
    const entries = [...byItem.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
    const maxOf = (item: string) => maxMarks.get(item) ?? 1;
    const groups = entries.map(([item, marks]) => marks.map((m) => m / maxOf(item)));
    const { f, df1, df2 } = oneWayAnova(groups);
    out.push({
      slot,
      section: slotSection[slot]!,
      variants: entries.map(([item, marks]) => ({ item, attempts: marks.length, facility: mean(marks) / maxOf(item) })),
      f,
      df1,
      df2,
      p: f === null ? null : 1 - fCdf(f, df1, df2),
    });
  });
  return out;
}

function formsComparison(
  attempts: readonly StatAttempt[],
  totals: Float64Array,
  maxima: Float64Array,
  minSize: number,
): FormsComparison | null {
  const byForm = new Map<string, number[]>();
  attempts.forEach((attempt, a) => {
    if (!attempt.form || !(maxima[a]! > 0)) return;
    let list = byForm.get(attempt.form);
    if (!list) byForm.set(attempt.form, (list = []));
    list.push(totals[a]! / maxima[a]!);
  });
  const kept = [...byForm.entries()].filter(([, v]) => v.length >= minSize).sort(([x], [y]) => (x < y ? -1 : 1));
  if (kept.length < 2) return null;
  const { f, df1, df2 } = oneWayAnova(kept.map(([, v]) => v));
  return {
    forms: kept.map(([form, v]) => ({ form, attempts: v.length, meanFacility: mean(v) })),
    f,
    df1,
    df2,
    p: f === null ? null : 1 - fCdf(f, df1, df2),
  };
}

/** Counts of percentage scores in equal bins over 0–100; 100 falls in the last bin. */
export function scoreHistogram(percentages: readonly number[], bins = 10): HistogramBin[] {
  const width = 100 / bins;
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    from: +(i * width).toFixed(6),
    to: +((i + 1) * width).toFixed(6),
    count: 0,
  }));
  for (const p of percentages) {
    const clamped = Math.max(0, Math.min(100, p));
    const i = Math.min(bins - 1, Math.floor(clamped / width + 1e-9));
    out[i]!.count++;
  }
  return out;
}
