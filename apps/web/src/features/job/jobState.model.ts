import type { JobState } from '../../api/wireCommon';

export function isTerminal(state: JobState): boolean {
  return state === 'completed' || state === 'cancelled' || state === 'discarded';
}
