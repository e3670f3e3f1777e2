import { createOjsClient, type CallOptions, type FetchLike, type OjsClient } from '@lookout/ojs-client';
import { type Job, type Workflow } from '@lookout/ojs-types';
import { type EnqueueOptions, toEnqueueRequest } from './enqueueOptions';
import { toTypedError } from './typedErrors';
import { toWorkflowRequest, type WorkflowDefinition } from './workflowBuilders';

export interface ClientOptions {
  /** OJS server origin, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Bearer token. */
  token?: string;
  /** fetch implementation (default: global fetch); an in-process server's `fetch` works too. */
  fetch?: FetchLike;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Clock used to turn `delayMs` into `scheduled_at` (default `Date.now`). */
  now?: () => number;
}

/** One job to put on the server in `enqueueBatch`. */
export interface BatchJob {
  type: string;
  args: readonly unknown[];
  options?: EnqueueOptions;
}

/** An event from the server, whatever stream it came from. */
export interface ClientEvent {
  /** Event id (resume point), when the server gives one. */
  id: string | undefined;
  /** e.g. `job.completed`, `job.state_changed`. */
  type: string;
  time: string | undefined;
  jobId: string | undefined;
  queue: string | undefined;
  /** The event payload (snake_case, as sent). */
  data: unknown;
  /** True for `system.gap` / `system.events_dropped`: events were lost, re-read state over REST. */
  gap: boolean;
}

export interface EventsOptions {
  /** Only this job's events (SSE `/jobs/{id}/events`; ends after the job is terminal). */
  jobId?: string;
  /** Only this queue's events (SSE `/queues/{name}/events`). */
  queue?: string;
  /** Only these event types. */
  types?: readonly string[];
  /** Resume after this event id. */
  after?: string;
  /** Aborting ends the iteration. */
  signal?: AbortSignal;
  /** Poll interval of the server-wide feed (`GET /ojs/v1/events`), when neither jobId nor queue is given. */
  pollIntervalMs?: number;
}

/** A live event feed: iterate it with `for await`; `close()` ends it. */
export interface ClientEventStream extends AsyncIterable<ClientEvent> {
  close(): void;
}

/** Per-call options: an AbortSignal, a timeout, extra headers. */
export type { CallOptions };

/**
 * Puts jobs on an OJS server and looks after them: enqueue (with every OJS option), batches,
 * workflows, get, cancel, and live events. Errors are typed (`DuplicateJobError`, `NotFoundError`,
 * `ValidationError`, `RateLimitedError`, `UnavailableError`...) and carry `retryable`.
 */
export class Client {
  /** The underlying REST client, for endpoints this class does not wrap (queues, admin, cron...). */
  readonly api: OjsClient;
  readonly #now: () => number;

  constructor(options: ClientOptions) {
    this.api = createOjsClient({
      baseUrl: options.url,
      token: options.token,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      headers: options.headers,
      userAgent: 'lookout-ojs-worker',
    });
    this.#now = options.now ?? Date.now;
  }

  /** Enqueues one job: `client.enqueue('email.send', [{ to }], { queue: 'email', retry: { maxAttempts: 5 } })`. */
  async enqueue(
    type: string,
    args: readonly unknown[],
    options?: EnqueueOptions,
    call?: CallOptions,
  ): Promise<Job> {
    const request = toEnqueueRequest(type, args, options, this.#now);
    return (await typed(this.api.jobs.enqueue(request, call))).job;
  }

  /** Enqueues several jobs atomically (all or none). */
  async enqueueBatch(jobs: readonly BatchJob[], call?: CallOptions): Promise<Job[]> {
    const requests = jobs.map((j) => toEnqueueRequest(j.type, j.args, j.options, this.#now));
    return (await typed(this.api.jobs.enqueueBatch(requests, call))).jobs;
  }

  /** Creates a workflow from `chain(...)`, `group(...)` or `batch(callbacks, ...)`. */
  workflow(
    definition: WorkflowDefinition,
    options: { name?: string } = {},
    call?: CallOptions,
  ): Promise<Workflow> {
    return typed(this.api.workflows.create(toWorkflowRequest(definition, options.name), call));
  }

  getWorkflow(id: string, call?: CallOptions): Promise<Workflow> {
    return typed(this.api.workflows.get(id, call));
  }

  cancelWorkflow(id: string, call?: CallOptions): Promise<Workflow> {
    return typed(this.api.workflows.cancel(id, call));
  }

  /** Reads a job. */
  get(id: string, call?: CallOptions): Promise<Job> {
    return typed(this.api.jobs.get(id, call));
  }

  /** Cancels a job; a `ConflictError` when it already finished. */
  cancel(id: string, call?: CallOptions): Promise<{ id: string; state: string }> {
    return typed(this.api.jobs.cancel(id, call));
  }

  /**
   * Live events as an async iterable: one job's, one queue's, or (with neither) the server-wide feed.
   * Reconnects with backoff after drops; yields a `gap` event when some were lost.
   */
  events(options: EventsOptions = {}): ClientEventStream {
    if (options.jobId !== undefined && options.queue !== undefined) {
      throw new TypeError('events(): give jobId or queue, not both');
    }
    if (options.jobId !== undefined || options.queue !== undefined) {
      const common = { eventTypes: options.types, lastEventId: options.after, signal: options.signal };
      const stream =
        options.jobId !== undefined
          ? this.api.jobs.events(options.jobId, common)
          : this.api.queues.events(options.queue ?? '', common);
      return {
        close: () => stream.close(),
        async *[Symbol.asyncIterator]() {
          try {
            for await (const e of stream) {
              const data = isRecord(e.data) ? e.data : {};
              yield {
                id: e.id,
                type: e.type,
                time: str(data['timestamp']) ?? str(data['time']),
                jobId: str(data['job_id']),
                queue: str(data['queue']),
                data: e.data,
                gap: e.kind === 'gap',
              };
            }
          } catch (error) {
            throw toTypedError(error);
          }
        },
      };
    }
    const poller = this.api.events.poller({
      after: options.after,
      types: options.types,
      signal: options.signal,
      intervalMs: options.pollIntervalMs,
    });
    return {
      close: () => poller.close(),
      async *[Symbol.asyncIterator]() {
        try {
          for await (const e of poller) {
            yield {
              id: e.id,
              type: e.type,
              time: e.time,
              jobId: str(e.data['job_id']) ?? (e.type.startsWith('job.') ? e.subject : undefined),
              queue: str(e.data['queue']),
              data: e.data,
              gap: e.type === 'system.gap' || e.type === 'system.events_dropped',
            };
          }
        } catch (error) {
          throw toTypedError(error);
        }
      },
    };
  }
}

async function typed<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw toTypedError(error);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
