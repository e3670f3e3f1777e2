import { anyBody, apiSend } from '../../api/apiClient';
import type { JobState } from '../../api/wireCommon';

const base = (cluster: string, name: string) =>
  `/api/clusters/${encodeURIComponent(cluster)}/queues/${encodeURIComponent(name)}`;

export const queueActions = {
  pause: (cluster: string, name: string) => apiSend('POST', `${base(cluster, name)}/pause`, {}, anyBody),
  resume: (cluster: string, name: string) => apiSend('POST', `${base(cluster, name)}/resume`, {}, anyBody),
  purge: (cluster: string, name: string, states: JobState[]) =>
    apiSend('POST', `${base(cluster, name)}/purge`, { states, confirm: true }, anyBody),
};
