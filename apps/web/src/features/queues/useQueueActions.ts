import { useMutation, useQueryClient } from '@tanstack/react-query';
import { reportSuccess } from '../../app/notices';
import type { JobState } from '../../api/wireCommon';
import { queueActions } from './queueActions';

type QueueAction = { kind: 'pause' | 'resume' } | { kind: 'purge'; states: JobState[] };

/** Pause, resume or purge a queue; reports the outcome and refreshes what the change touches. */
export function useQueueAction(cluster: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { title: `Could not change queue ${name}` },
    mutationFn: (action: QueueAction) => {
      if (action.kind === 'purge') return queueActions.purge(cluster, name, action.states);
      return action.kind === 'pause' ? queueActions.pause(cluster, name) : queueActions.resume(cluster, name);
    },
    onSuccess: (_data, action) => {
      const done = action.kind === 'pause' ? 'paused' : action.kind === 'resume' ? 'resumed' : 'purged';
      reportSuccess(`Queue ${name} ${done}`);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['ojs', cluster, 'queues'] });
      void queryClient.invalidateQueries({ queryKey: ['ojs', 'all', 'queues'] });
      void queryClient.invalidateQueries({ queryKey: ['ojs', cluster, 'overview'] });
      void queryClient.invalidateQueries({ queryKey: ['ojs', 'all', 'overview'] });
    },
  });
}
