import { useLiveStatus } from '../live/liveStatus';

const LABELS = { open: 'Live', connecting: 'Connecting…', down: 'Reconnecting' } as const;

/** The stream's health, always visible in the top bar. */
export function ConnectionIndicator() {
  const status = useLiveStatus();
  return (
    <span
      className={`conn ${status.stream}`}
      data-testid="connection"
      data-state={status.stream}
      title={status.stream === 'open' ? 'Live updates are streaming' : 'Live updates are not streaming'}
    >
      {LABELS[status.stream]}
    </span>
  );
}
