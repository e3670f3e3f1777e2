import { sparklinePath } from './sparkline.model';

/** A tiny inline SVG trend line (no chart library, so tables stay in the initial bundle). */
export function Sparkline({
  values,
  label,
  width = 90,
  height = 22,
}: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const path = sparklinePath(values, width, height);
  return (
    <svg className="spark" width={width} height={height} role="img" aria-label={label}>
      {path ? <path d={path} fill="none" stroke="var(--accent)" strokeWidth="1.5" /> : null}
    </svg>
  );
}
