/** The basic measures of one sample, as Moodle's report computes them (n − 1 denominators, unbiased k-statistics). */
import { fQuantile } from './distributions';

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample variance with n − 1; null below two values. */
export function variance(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2;
  return ss / (n - 1);
}

export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Skewness k3/k2^(3/2) and excess kurtosis k4/k2² from the unbiased k-statistics. */
export function shape(values: ArrayLike<number>): { skewness: number | null; kurtosis: number | null } {
  const n = values.length;
  if (n < 3) return { skewness: null, kurtosis: null };
  const m = mean(values);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const m2 = s2 / n;
  const m3 = s3 / n;
  const m4 = s4 / n;
  const k2 = (n * m2) / (n - 1);
  // A constant score has no shape; tiny k2 from rounding would make it explode.
  if (!(k2 > 1e-12)) return { skewness: null, kurtosis: null };
  const k3 = (n * n * m3) / ((n - 1) * (n - 2));
  const skewness = k3 / k2 ** 1.5;
  if (n < 4) return { skewness, kurtosis: null };
  const k4 = (n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2)) / ((n - 1) * (n - 2) * (n - 3));
  return { skewness, kurtosis: k4 / (k2 * k2) };
}

/** Pearson correlation from a covariance and two variances; null when either variance is (about) zero. */
export function correlation(cov: number, varA: number, varB: number): number | null {
  if (!(varA > 1e-12) || !(varB > 1e-12)) return null;
  const r = cov / Math.sqrt(varA * varB);
  return Math.max(-1, Math.min(1, r));
}

/**
 * Cronbach's α from the slots' variances and the total's, with Feldt's (1965) 95 % interval:
 * (1 − α)/(1 − α̂) follows F(n − 1, (n − 1)(k − 1)).
 */
export function cronbach(
  slotVariances: readonly number[],
  totalVariance: number | null,
  n: number,
): { alpha: number | null; lower: number | null; upper: number | null } {
  const k = slotVariances.length;
  if (k < 2 || n < 2 || totalVariance === null || !(totalVariance > 1e-12)) {
    return { alpha: null, lower: null, upper: null };
  }
  let sum = 0;
  for (const v of slotVariances) sum += v;
  const alpha = (k / (k - 1)) * (1 - sum / totalVariance);
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  return {
    alpha,
    lower: 1 - (1 - alpha) * fQuantile(0.975, df1, df2),
    upper: 1 - (1 - alpha) * fQuantile(0.025, df1, df2),
  };
}

/** One-way ANOVA across groups of values; null F when there is no within-group variation or fewer than two groups. */
export function oneWayAnova(groups: readonly (readonly number[])[]): { f: number | null; df1: number; df2: number } {
  const used = groups.filter((g) => g.length > 0);
  const total = used.reduce((s, g) => s + g.length, 0);
  const df1 = used.length - 1;
  const df2 = total - used.length;
  if (df1 < 1 || df2 < 1) return { f: null, df1: Math.max(0, df1), df2: Math.max(0, df2) };
  let grand = 0;
  for (const g of used) for (const v of g) grand += v;
  grand /= total;
  let between = 0;
  let within = 0;
  for (const g of used) {
    const m = mean(g);
    between += g.length * (m - grand) ** 2;
    for (const v of g) within += (v - m) ** 2;
  }
  if (!(within > 1e-12)) return { f: null, df1, df2 };
  return { f: between / df1 / (within / df2), df1, df2 };
}
