import { type WorkflowRequest, workflowListResponseSchema, workflowResponseSchema } from '@lookout/ojs-types';
import { type CallOptions, type Transport, seg } from '../transport';

/** Workflows (`/ojs/v1/workflows`): chain, group and batch. */
export function workflowsApi(transport: Transport) {
  return {
    /** `POST /ojs/v1/workflows` -> the workflow. */
    create: async (request: WorkflowRequest, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/workflows', body: request, schema: workflowResponseSchema },
        options,
      );
      return data.workflow;
    },

    /** `GET /ojs/v1/workflows/{id}`. */
    get: async (id: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'GET', path: `/ojs/v1/workflows/${seg(id)}`, schema: workflowResponseSchema },
        options,
      );
      return data.workflow;
    },

    /** `DELETE /ojs/v1/workflows/{id}`: cancels the workflow; 409 when already terminal. */
    cancel: async (id: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'DELETE', path: `/ojs/v1/workflows/${seg(id)}`, schema: workflowResponseSchema },
        options,
      );
      return data.workflow;
    },

    /** `GET /ojs/v1/workflows` (not in the core binding; servers without it answer 404/405). */
    list: (query: { limit?: number; offset?: number; state?: string } = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: '/ojs/v1/workflows', query: { ...query }, schema: workflowListResponseSchema },
        options,
      );
    },
  };
}

export type WorkflowsApi = ReturnType<typeof workflowsApi>;
