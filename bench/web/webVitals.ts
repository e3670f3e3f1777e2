/**
 * Interaction to Next Paint from the longest event duration of each interaction, as Web Vitals computes
 * it: the worst interaction, ignoring one more of the worst for every 50 interactions. NaN when none.
 */
export function interactionToNextPaint(durations: readonly number[]): number {
  if (durations.length === 0) return Number.NaN;
  const sorted = [...durations].sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length / 50))] as number;
}

/** The page's Largest Contentful Paint: the start time of its last candidate. NaN when none. */
export function largestContentfulPaint(entries: readonly { t: number }[]): number {
  const last = entries[entries.length - 1];
  return last === undefined ? Number.NaN : last.t;
}

/** Frames per second over a window. */
export function framesPerSecond(frames: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (frames * 1000) / elapsedMs : Number.NaN;
}

/** Median of a few runs (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
