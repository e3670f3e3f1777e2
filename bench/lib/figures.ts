import type { Figure, Ratio, Target } from './benchTypes';
import { percentile } from './verdict';

export const atLeast = (value: number): Target => ({ op: '>=', value });
export const atMost = (value: number): Target => ({ op: '<=', value });

/** A figure; `target` and `note` only when given. */
export function figure(
  key: string,
  label: string,
  value: number,
  unit: string,
  target?: Target,
  note?: string,
): Figure {
  const f: Figure = { key, label, value, unit };
  if (target) f.target = target;
  if (note !== undefined) f.note = note;
  return f;
}

/** `num / den` of two figures already in `figures`; undefined when either is missing or the denominator is not positive. */
export function ratioOf(
  figures: readonly Figure[],
  key: string,
  label: string,
  num: string,
  den: string,
  target?: Target,
): Ratio | undefined {
  const a = figures.find((f) => f.key === num)?.value;
  const b = figures.find((f) => f.key === den)?.value;
  if (a === undefined || b === undefined || !(b > 0) || !Number.isFinite(a)) return undefined;
  const r: Ratio = { key, label, value: a / b, unit: 'x', numerator: num, denominator: den };
  if (target) r.target = target;
  return r;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  return {
    samples: latenciesMs.length,
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
    max: latenciesMs.length === 0 ? Number.NaN : Math.max(...latenciesMs),
  };
}

/** Rate of a counter between two readings, per second. */
export function perSecond(before: number, after: number, elapsedMs: number): number {
  return elapsedMs > 0 ? ((after - before) * 1000) / elapsedMs : Number.NaN;
}
