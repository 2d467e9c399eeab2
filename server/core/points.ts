/**
 * Points as the system shows and publishes them: at most two decimal places, a half rounded away from zero.
 * The half is decided on the number's decimal digits (the shortest text that reads back as the same number),
 * not on its binary approximation, so 1.005 becomes 1.01 and 2.675 becomes 2.68 as a person expects, where
 * `toFixed(2)` gives 1.00 and 2.67. The register's pages, CSV and JSON carry these values; the web's
 * `formatPoints` applies the same rule to what it shows (its test checks it against this function).
 */
export function roundPoints(value: number): number {
  // Past 2^53 / 100 a double has no hundredths to round, and its text is in exponent form.
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 53 / 100) return value;
  const [digits, exponent = '0'] = String(Math.abs(value)).split('e');
  const hundredths = Math.round(Number(`${digits}e${Number(exponent) + 2}`));
  const rounded = Number(`${hundredths}e-2`);
  // No negative zero: -0.001 is 0 points, not "-0".
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
