import type { StatsPoint } from './StatsHistory';

/**
 * Upstream stats history has counters and latency but no queue depth; the BFF samples depth itself. Gives
 * each upstream bucket (`timestamp` .. `timestamp + stepSeconds`) the largest depth sampled within it, and
 * leaves buckets with no sample without one (a gap in the chart, not a made-up zero). Pure.
 */
export function withSampledDepth<P extends { timestamp: string }>(
  points: readonly P[],
  stepSeconds: number,
  sampled: readonly StatsPoint[],
): (P & { depth?: number })[] {
  const withDepth = sampled
    .filter((s): s is StatsPoint & { depth: number } => s.depth !== undefined)
    .sort((a, b) => a.t - b.t);
  const stepMs = stepSeconds * 1000;
  let i = 0;
  return points.map((point) => {
    const start = Date.parse(point.timestamp);
    if (Number.isNaN(start)) return point;
    const end = start + stepMs;
    while (i < withDepth.length && (withDepth[i]?.t ?? Infinity) < start) i++;
    let depth: number | undefined;
    for (let j = i; j < withDepth.length; j++) {
      const s = withDepth[j];
      if (!s || s.t >= end) break;
      depth = depth === undefined ? s.depth : Math.max(depth, s.depth);
    }
    return depth === undefined ? point : { ...point, depth };
  });
}
