/** Time left until `deadline`, as the clock shows it: `1:05:09`, `12:09`; never below zero. */
export function remainingText(deadline: string, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((new Date(deadline).getTime() - nowMs) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
