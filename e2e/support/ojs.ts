/**
 * Drives the embedded OJS server directly, as a producer and as a worker, so specs control exactly what
 * happens to their own jobs (on queues the demo workers do not listen to).
 */
export interface OjsJob {
  id: string;
  state: string;
  queue: string;
  type: string;
}

export class Ojs {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async enqueue(type: string, args: unknown[], options: Record<string, unknown> = {}): Promise<OjsJob> {
    const { job } = await this.call<{ job: OjsJob }>('POST', '/ojs/v1/jobs', { type, args, options });
    return job;
  }

  /** Takes the next job of a queue as worker `workerId` (retries while the queue is empty). */
  async fetchOne(queue: string, workerId = 'e2e-worker', timeoutMs = 10_000): Promise<OjsJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { jobs } = await this.call<{ jobs: OjsJob[] }>('POST', '/ojs/v1/workers/fetch', {
        queues: [queue],
        count: 1,
        worker_id: workerId,
      });
      const job = jobs[0];
      if (job) return job;
      if (Date.now() > deadline) throw new Error(`no job to fetch on ${queue}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async ack(jobId: string, result: unknown = { ok: true }): Promise<void> {
    await this.call('POST', '/ojs/v1/workers/ack', { job_id: jobId, result });
  }

  async fail(jobId: string, code: string, message: string, retryable = false): Promise<void> {
    await this.call('POST', '/ojs/v1/workers/nack', {
      job_id: jobId,
      error: { code, message, retryable, details: { stage: 'e2e' } },
    });
  }

  async job(jobId: string): Promise<OjsJob> {
    const { job } = await this.call<{ job: OjsJob }>('GET', `/ojs/v1/jobs/${jobId}`);
    return job;
  }

  async workflow(definition: Record<string, unknown>): Promise<{ id: string }> {
    const body = await this.call<{ workflow: { id: string } }>('POST', '/ojs/v1/workflows', definition);
    return body.workflow;
  }
}

/** A queue name unique to one test run, so reruns against a kept stack do not see old jobs. */
export function uniqueQueue(prefix: string): string {
  return `e2e-${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
