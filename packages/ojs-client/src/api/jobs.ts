import {
  type BatchEnqueueRequest,
  type EnqueueRequest,
  batchEnqueueResponseSchema,
  jobResponseSchema,
  jobStateChangeResponseSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { OjsEventStream, type OjsEventStreamOptions, isTerminalJobEvent } from '../OjsEventStream';
import { type CallOptions, type Transport, seg } from '../transport';

/** `PUT/GET /ojs/v1/jobs/{id}/progress` (progress extension): `progress` is 0..1. */
export const jobProgressSchema = z.looseObject({
  progress: z.number(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
  updated_at: z.string().nullish(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export interface JobProgressUpdate {
  /** 0..1 (servers clamp values above 1). */
  progress: number;
  message?: string | undefined;
  data?: unknown;
}

/** Accepts the progress body bare or wrapped as `{progress: {...}}`. */
const progressBodySchema = z.union([
  z.looseObject({ progress: jobProgressSchema }).transform((body) => body.progress),
  jobProgressSchema,
]);

export interface JobEventsOptions extends OjsEventStreamOptions {
  /** Only these event types (sent as `event_types`). */
  eventTypes?: readonly string[] | undefined;
}

/** Core job operations (`/ojs/v1/jobs`). */
export function jobsApi(transport: Transport) {
  return {
    /**
     * `POST /ojs/v1/jobs`. Resolves with the created job; `deduplicated` is true when a unique
     * `ignore` policy returned an existing job (200 instead of 201).
     */
    enqueue: async (request: EnqueueRequest, options?: CallOptions) => {
      const res = await transport.requestWithMeta(
        { method: 'POST', path: '/ojs/v1/jobs', body: request, schema: jobResponseSchema },
        options,
      );
      return { job: res.data.job, deduplicated: res.data.deduplicated ?? res.status === 200 };
    },

    /** `POST /ojs/v1/jobs/batch` (atomic). */
    enqueueBatch: async (jobs: BatchEnqueueRequest['jobs'], options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/jobs/batch', body: { jobs }, schema: batchEnqueueResponseSchema },
        options,
      );
      return { jobs: data.jobs, count: data.count ?? data.jobs.length };
    },

    /** `GET /ojs/v1/jobs/{id}`. */
    get: async (id: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'GET', path: `/ojs/v1/jobs/${seg(id)}`, schema: jobResponseSchema },
        options,
      );
      return data.job;
    },

    /** `DELETE /ojs/v1/jobs/{id}`: cancels; 409 `conflict` when already terminal. */
    cancel: async (id: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'DELETE', path: `/ojs/v1/jobs/${seg(id)}`, schema: jobStateChangeResponseSchema },
        options,
      );
      return data.job;
    },

    /** `POST /ojs/v1/jobs/{id}/activate`: pending -> available. */
    activate: async (id: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: `/ojs/v1/jobs/${seg(id)}/activate`, schema: jobStateChangeResponseSchema },
        options,
      );
      return data.job;
    },

    /** `GET /ojs/v1/jobs/{id}/progress`. */
    getProgress: (id: string, options?: CallOptions): Promise<JobProgress> => {
      return transport.request(
        { method: 'GET', path: `/ojs/v1/jobs/${seg(id)}/progress`, schema: progressBodySchema },
        options,
      );
    },

    /** `PUT /ojs/v1/jobs/{id}/progress`. */
    setProgress: (id: string, update: JobProgressUpdate, options?: CallOptions): Promise<JobProgress> => {
      return transport.request(
        { method: 'PUT', path: `/ojs/v1/jobs/${seg(id)}/progress`, body: update, schema: progressBodySchema },
        options,
      );
    },

    /**
     * SSE `GET /ojs/v1/jobs/{id}/events`. Ends by itself after the event that shows the job terminal
     * (override with `until`).
     */
    events: (id: string, options: JobEventsOptions = {}): OjsEventStream => {
      const { eventTypes, ...rest } = options;
      return new OjsEventStream(transport, `/ojs/v1/jobs/${seg(id)}/events`, {
        until: isTerminalJobEvent,
        ...rest,
        query: { ...rest.query, event_types: eventTypes },
      });
    },
  };
}

export type JobsApi = ReturnType<typeof jobsApi>;
