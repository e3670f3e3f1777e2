import type { JobState } from '../../api/wireCommon';

/** Which single-job actions make sense in a state (the server has the last word). */
export function allowedJobActions(state: JobState): { retry: boolean; cancel: boolean; delete: boolean } {
  return {
    retry: state === 'discarded' || state === 'retryable' || state === 'cancelled',
    cancel:
      state === 'scheduled' ||
      state === 'available' ||
      state === 'pending' ||
      state === 'retryable' ||
      state === 'active',
    delete: state !== 'active',
  };
}
