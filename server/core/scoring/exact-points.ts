/**
 * Exact arithmetic for points (DESIGN.md rule 5: re-scoring reproduces a result bit for bit).
 *
 * Binary floating point cannot add 0.1 three times to 0.3, nor a third three times to 1, and the error
 * it leaves depends on the order of the additions, so a score summed in doubles could change when only
 * the order of the questions did. Points are therefore counted as whole multiples of a unit small enough
 * for every value a paper can produce: the rules' decimals (points per item, negative marking, pass mark)
 * and the fractions of partial credit. Sums of bigints are exact and order-free; rounding happens once,
 * when a number is reported.
 */

/** Reported points carry at most this many decimals. */
export const REPORTED_DECIMALS = 4;

const REPORTED_FACTOR = 10n ** BigInt(REPORTED_DECIMALS);

/**
 * A number read exactly as it prints: `digits / 10^scale`. So 0.1 is one tenth, which is what the
 * examiner typed, not the binary double nearest to it (0.1000000000000000055…).
 */
export function readDecimal(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`${String(value)} is not a finite number`);
  const parts = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (parts === null) throw new RangeError(`cannot read ${String(value)} as a decimal`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = parts;
  let digits = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** The unit points are counted in for one scoring: 1 point = `unitsPerPoint` units. */
export class PointScale {
  private constructor(
    readonly unitsPerPoint: bigint,
    private readonly decimalScale: number,
    private readonly divisorLcm: bigint,
  ) {}

  /**
   * A scale on which every value in `values`, and every such value divided by any of `divisors`
   * (positive integers), is a whole number of units: 10^(most decimals) × lcm(divisors).
   */
  static covering(values: readonly number[], divisors: readonly number[]): PointScale {
    const decimalScale = Math.max(0, ...values.map((v) => readDecimal(v).scale));
    const divisorLcm = divisors.reduce((acc, d) => lcm(acc, BigInt(d)), 1n);
    return new PointScale(10n ** BigInt(decimalScale) * divisorLcm, decimalScale, divisorLcm);
  }

  /** `value` points in units, exactly. */
  units(value: number): bigint {
    const { digits, scale } = readDecimal(value);
    return digits * 10n ** BigInt(this.decimalScale - scale) * this.divisorLcm;
  }

  /** `units × numerator / denominator`, exactly; `denominator` must be one of the divisors covered. */
  fraction(units: bigint, numerator: number, denominator: number): bigint {
    const scaled = units * BigInt(numerator);
    const d = BigInt(denominator);
    if (scaled % d !== 0n) throw new RangeError(`${denominator} is not a divisor this scale covers`);
    return scaled / d;
  }

  /**
   * Units as reported points: rounded DOWN (toward −∞) to REPORTED_DECIMALS decimals. Rounding down
   * never shows more than was earned, so a reported total reaches a pass mark (of at most four
   * decimals) exactly when the exact total does, and the verdict never disagrees with the number shown.
   * Item, section and total figures are each rounded from their exact values, so displayed item points
   * may not add up to the displayed total in their last decimal (thirds, for example).
   */
  toPoints(units: bigint): number {
    return Number(floorDiv(units * REPORTED_FACTOR, this.unitsPerPoint)) / Number(REPORTED_FACTOR);
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
