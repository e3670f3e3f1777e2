import { errorMessage } from '../api/ApiError';

/** Loading and error placeholders for a query, in one style everywhere. */
export function QueryStatus({
  isPending,
  error,
  onRetry,
  what,
}: {
  isPending: boolean;
  error: unknown;
  onRetry?: () => void;
  what: string;
}) {
  if (error) {
    return (
      <div className="banner crit" role="alert">
        <span>
          Could not load {what}: {errorMessage(error)}
        </span>
        {onRetry ? (
          <button type="button" className="small" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    );
  }
  if (isPending) {
    return (
      <div className="empty" aria-busy="true">
        Loading {what}…
      </div>
    );
  }
  return null;
}
