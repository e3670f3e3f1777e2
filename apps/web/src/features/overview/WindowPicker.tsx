import { STATS_WINDOWS, type StatsWindow } from './overview.mapper';

const LABEL: Record<StatsWindow, string> = { '15m': '15 min', '1h': '1 h', '24h': '24 h', '7d': '7 d' };

export function WindowPicker({
  value,
  onChange,
}: {
  value: StatsWindow;
  onChange: (w: StatsWindow) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label="Time window">
      {STATS_WINDOWS.map((w) => (
        <button key={w} type="button" aria-pressed={w === value} onClick={() => onChange(w)}>
          {LABEL[w]}
        </button>
      ))}
    </div>
  );
}
