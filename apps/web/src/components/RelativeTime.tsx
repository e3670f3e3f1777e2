import { formatRelative, formatTimestamp } from './format.model';
import { useNow } from './useNow';

export function RelativeTime({ iso }: { iso: string | undefined }) {
  const now = useNow();
  if (!iso) return <span className="faint">—</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
