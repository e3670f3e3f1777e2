import { apiPath, apiSend } from '../../api/apiClient';
import { operationEnvelopeSchema } from '../jobs/operation.mapper';

export type GroupAction = 'retry' | 'delete';

export const deadLetterActions = {
  group: (action: GroupAction, fingerprint: string, cluster: string) =>
    apiSend(
      'POST',
      apiPath(`/api/dead-letter/groups/${encodeURIComponent(fingerprint)}/${action}`, { cluster }),
      { confirm: true },
      operationEnvelopeSchema,
    ),
};
