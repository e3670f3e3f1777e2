/** SVG path for a sparkline scaled into width x height (1 px padding); empty for fewer than two points. */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return '';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const stepX = (width - 2) / (values.length - 1);
  return values
    .map((v, i) => {
      const x = 1 + i * stepX;
      const y = height - 1 - ((v - min) / span) * (height - 2);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
