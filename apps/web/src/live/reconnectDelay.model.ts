/** Exponential backoff with full jitter, capped: attempt 0 -> up to 1 s, then 2 s, 4 s ... up to `capMs`. */
export function reconnectDelay(attempt: number, random: () => number = Math.random, capMs = 30_000): number {
  const ceiling = Math.min(capMs, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
