/** "12 s ago", "in 3 min", "2 h ago", "4 d ago"; "—" for missing or unparsable times. */
export function formatRelative(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '—';
  const diff = at - now;
  const abs = Math.abs(diff);
  // Within a few seconds either way (clock skew, a clock tick not yet taken) reads as "just now".
  if (abs < 5000 || (diff > 0 && abs < 10_000)) return 'just now';
  const text = formatDuration(abs);
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

/** Compact duration: 850 ms, 4.2 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 10_000) return `${(abs / 1000).toFixed(1)} s`;
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  if (abs < 3_600_000) return `${Math.floor(abs / 60_000)} min`;
  if (abs < 86_400_000) {
    const h = Math.floor(abs / 3_600_000);
    const m = Math.floor((abs % 3_600_000) / 60_000);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  return h ? `${d} d ${h} h` : `${d} d`;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

/** 1,234 below 100k; 120K, 3.4M above. */
export function formatCount(n: number): string {
  return Math.abs(n) < 100_000 ? whole.format(n) : compact.format(n);
}

export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  if (pct === 0) return '0%';
  if (pct < 0.1) return '<0.1%';
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

export function formatRate(perMin: number): string {
  if (perMin === 0) return '0/min';
  if (perMin < 1) return `${perMin.toFixed(2)}/min`;
  return `${perMin < 10 ? perMin.toFixed(1) : formatCount(Math.round(perMin))}/min`;
}

function localTime(iso: string, options: Intl.DateTimeFormatOptions): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(undefined, {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...options,
  });
}

/** Local date and time, seconds included, for tooltips and detail pages. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '—';
  return localTime(iso, { year: 'numeric' });
}

/** Month, day and 24-hour time to the second, for dense table columns (the tooltip has the full timestamp). */
export function formatShortTimestamp(iso: string): string {
  return localTime(iso, { hour12: false });
}

export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
