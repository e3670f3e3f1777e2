import { useSession } from '../../app/useSession';
import type { DeadLetterGroup } from './deadLetter.mapper';
import type { GroupAction } from './deadLetterActions';

/**
 * Retry/delete buttons for a failure group. The page owns the dialog, so it survives the group leaving the
 * list once its jobs are retried.
 */
export function GroupButtons({
  group,
  small,
  onAction,
}: {
  group: DeadLetterGroup;
  small?: boolean;
  onAction: (group: DeadLetterGroup, action: GroupAction) => void;
}) {
  const { canWrite } = useSession();
  if (!canWrite) return null;
  const size = small ? 'small' : '';
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <button
        type="button"
        className={`primary ${size}`}
        onClick={() => onAction(group, 'retry')}
        data-testid="group-retry"
      >
        Retry all
      </button>
      <button
        type="button"
        className={`danger ${size}`}
        onClick={() => onAction(group, 'delete')}
        data-testid="group-delete"
      >
        Delete all
      </button>
    </span>
  );
}
