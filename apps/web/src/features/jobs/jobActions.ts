import { anyBody, apiSend } from '../../api/apiClient';
import type { JobListFilter } from './jobFilter.model';
import { bulkPreviewSchema, operationEnvelopeSchema } from './operation.mapper';

export type JobAction = 'retry' | 'cancel' | 'delete';

const jobPath = (cluster: string, id: string) =>
  `/api/clusters/${encodeURIComponent(cluster)}/jobs/${encodeURIComponent(id)}`;

/** What a bulk action applies to: every job matching a filter, or listed ids (of one cluster). */
export type BulkTarget =
  { kind: 'filter'; filter: JobListFilter } | { kind: 'ids'; cluster: string; ids: string[] };

function bulkBody(action: JobAction, target: BulkTarget): Record<string, unknown> {
  if (target.kind === 'ids') return { action, cluster: target.cluster, job_ids: target.ids };
  const { sort: _sort, order: _order, cluster, ...filter } = target.filter;
  return { action, ...(cluster ? { cluster } : {}), filter };
}

export const jobActions = {
  retry: (cluster: string, id: string) => apiSend('POST', `${jobPath(cluster, id)}/retry`, {}, anyBody),
  cancel: (cluster: string, id: string) => apiSend('POST', `${jobPath(cluster, id)}/cancel`, {}, anyBody),
  delete: (cluster: string, id: string) => apiSend('DELETE', jobPath(cluster, id), undefined, anyBody),
  run(action: JobAction, cluster: string, id: string) {
    return jobActions[action](cluster, id);
  },
  bulkPreview: (action: JobAction, target: BulkTarget) =>
    apiSend('POST', '/api/bulk/preview', bulkBody(action, target), bulkPreviewSchema),
  bulkStart: (action: JobAction, target: BulkTarget, confirmationPhrase: string | undefined) =>
    apiSend(
      'POST',
      '/api/bulk',
      {
        ...bulkBody(action, target),
        confirm: true,
        ...(confirmationPhrase ? { confirmation_phrase: confirmationPhrase } : {}),
      },
      operationEnvelopeSchema,
    ),
};
