import type { Figure, Target } from './benchTypes';

export function meets(value: number, target: Target): boolean {
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

/** The figure with `met` set from its target (left unset when it has none or the value is not finite). */
export function withVerdict<F extends Figure>(figure: F): F & Pick<Figure, 'met'> {
  if (!figure.target || !Number.isFinite(figure.value)) return figure;
  return { ...figure, met: meets(figure.value, figure.target) };
}

/** p in [0, 100]: nearest-rank percentile of `values` (need not be sorted). NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** Human formatting: thousands separators for large values, up to 2 decimals for small ones. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
