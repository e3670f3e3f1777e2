import { useState } from 'react';
import { useSession } from '../../app/useSession';
import type { DeadLetterGroup } from './deadLetter.mapper';
import type { GroupAction } from './deadLetterActions';
import { GroupActionDialog } from './GroupActionDialog';

export function GroupButtons({ group, small }: { group: DeadLetterGroup; small?: boolean }) {
  const { canWrite } = useSession();
  const [action, setAction] = useState<GroupAction | undefined>();
  if (!canWrite) return null;
  const size = small ? 'small' : '';
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <button
        type="button"
        className={`primary ${size}`}
        onClick={() => setAction('retry')}
        data-testid="group-retry"
      >
        Retry all
      </button>
      <button
        type="button"
        className={`danger ${size}`}
        onClick={() => setAction('delete')}
        data-testid="group-delete"
      >
        Delete all
      </button>
      {action ? (
        <GroupActionDialog group={group} action={action} onClose={() => setAction(undefined)} />
      ) : null}
    </span>
  );
}
