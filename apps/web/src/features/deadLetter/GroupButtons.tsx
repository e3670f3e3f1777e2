import { PermissionButton } from '../../components/PermissionButton';
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
  const size = small ? 'small' : '';
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <PermissionButton
        className={`primary ${size}`}
        onClick={() => onAction(group, 'retry')}
        data-testid="group-retry"
      >
        Retry all
      </PermissionButton>
      <PermissionButton
        className={`danger ${size}`}
        onClick={() => onAction(group, 'delete')}
        data-testid="group-delete"
      >
        Delete all
      </PermissionButton>
    </span>
  );
}
