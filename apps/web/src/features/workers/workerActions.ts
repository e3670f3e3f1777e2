import { anyBody, apiSend } from '../../api/apiClient';

const path = (cluster: string, id: string) =>
  `/api/clusters/${encodeURIComponent(cluster)}/workers/${encodeURIComponent(id)}`;

export const workerActions = {
  quiet: (cluster: string, id: string) => apiSend('POST', `${path(cluster, id)}/quiet`, {}, anyBody),
  deregister: (cluster: string, id: string) => apiSend('DELETE', path(cluster, id), undefined, anyBody),
};
