import { useQueryClient } from '@tanstack/react-query';
import { formatDuration } from '../components/format.model';
import { liveStatus, useLiveStatus } from '../live/liveStatus';

/** Shown while the live stream is down: says how the page is refreshed instead, and lets you pause it. */
export function FallbackBanner() {
  const status = useLiveStatus();
  const queryClient = useQueryClient();
  if (status.stream !== 'down') return null;
  return (
    <div className="banner" role="status" data-testid="fallback-banner">
      <span>
        Live updates are interrupted; reconnecting.{' '}
        {status.fallbackPaused
          ? 'Automatic refresh is paused.'
          : `Refreshing every ${formatDuration(status.fallbackIntervalMs)} meanwhile.`}
      </span>
      <button
        type="button"
        className="small"
        onClick={() => liveStatus.update({ fallbackPaused: !status.fallbackPaused })}
      >
        {status.fallbackPaused ? 'Resume refresh' : 'Pause refresh'}
      </button>
      <button
        type="button"
        className="small"
        onClick={() => void queryClient.invalidateQueries({ queryKey: ['ojs'] })}
      >
        Refresh now
      </button>
    </div>
  );
}
