import type { StatsHistory } from './overview.mapper';

export interface ChartRow {
  /** ms since epoch, the x axis. */
  t: number;
  completed: number;
  failed: number;
  enqueued: number;
  /** Failed / (completed + failed) in the bucket, as a percentage; undefined when nothing finished. */
  failureRatePct: number | undefined;
  depth: number | undefined;
  waitP50: number | undefined;
  waitP95: number | undefined;
  runP50: number | undefined;
  runP95: number | undefined;
}

/** Turns the stats history into chart rows, sorted by time, with per-minute rates. */
export function toChartRows(history: StatsHistory): ChartRow[] {
  const perMinute = 60 / history.stepSeconds;
  return history.series
    .map((p) => {
      const finished = p.completed + p.failed;
      return {
        t: Date.parse(p.timestamp),
        completed: round(p.completed * perMinute),
        failed: round(p.failed * perMinute),
        enqueued: round(p.enqueued * perMinute),
        failureRatePct: finished > 0 ? round((p.failed / finished) * 100) : undefined,
        depth: p.depth,
        waitP50: p.waitP50Ms,
        waitP95: p.waitP95Ms,
        runP50: p.runP50Ms,
        runP95: p.runP95Ms,
      };
    })
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Whether any row has a value for the field (so empty charts can say "no data" instead of a flat line). */
export function hasValues(rows: readonly ChartRow[], field: keyof ChartRow): boolean {
  return rows.some((r) => r[field] !== undefined);
}

/** Axis tick label: time of day for short windows, day + time for longer ones. */
export function tickFormat(windowId: string): (t: number) => string {
  const long = windowId === '7d' || windowId === '24h';
  return (t: number) =>
    new Date(t).toLocaleString(
      undefined,
      long ? { weekday: 'short', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' },
    );
}

/** Totals over the window: completed, failed and the overall failure rate (0..1). */
export function windowTotals(history: StatsHistory): {
  completed: number;
  failed: number;
  failureRate: number | undefined;
} {
  let completed = 0;
  let failed = 0;
  for (const p of history.series) {
    completed += p.completed;
    failed += p.failed;
  }
  const finished = completed + failed;
  return { completed, failed, failureRate: finished > 0 ? failed / finished : undefined };
}
