export interface ClosedLoopOptions {
  /** Concurrent loops. */
  concurrency: number;
  /** Time before counting starts. */
  warmupMs: number;
  /** Counting window. */
  durationMs: number;
  /** One operation; resolves with the units it completed (1 per request, 100 per batch of 100). */
  op: () => Promise<number>;
  /** Called when the counting window opens and closes (e.g. to read CPU counters). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

export interface ClosedLoopResult {
  units: number;
  windowMs: number;
  perSecond: number;
  errors: number;
  firstError?: string;
}

/**
 * `concurrency` loops each issue `op` back to back; units completed inside the window after the warm-up
 * are counted (an operation counts when it finishes inside the window).
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  let units = 0;
  let errors = 0;
  let firstError: string | undefined;
  const opened = setTimeout(() => options.onWindowStart?.(), options.warmupMs);
  const closed = setTimeout(() => options.onWindowEnd?.(), options.warmupMs + options.durationMs);
  const loop = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      try {
        const n = await options.op();
        const now = performance.now();
        if (now >= windowStart && now < windowEnd) units += n;
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
        if (errors > 1000) throw new Error(`too many errors, first: ${firstError}`, { cause: e });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, loop));
  } finally {
    clearTimeout(opened);
    clearTimeout(closed);
  }
  const result: ClosedLoopResult = {
    units,
    windowMs: options.durationMs,
    perSecond: (units * 1000) / options.durationMs,
    errors,
  };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
