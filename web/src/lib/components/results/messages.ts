/** A share as a whole percentage (one decimal below 10 %), or null when there is nothing to share. */
export function percent(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const value = (part / whole) * 100;
  return value < 10 && value > 0 ? value.toFixed(1) : String(Math.round(value));
}
