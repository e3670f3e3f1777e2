import { createOjsClient, type OjsClient } from '@lookout/ojs-client';
import type { OjsServer } from '@lookout/ojs-server';

/** A client straight to the embedded server, to make things happen in tests (enqueue, work, fail). */
export function ojsDriver(server: OjsServer): OjsClient & {
  /** Enqueues, fetches and fails a job once so that it ends in the dead letter queue. */
  deadLetter(type: string, queue: string, message: string, code?: string): Promise<string>;
  /** Enqueues, fetches and completes a job. */
  complete(type: string, queue: string): Promise<string>;
} {
  const client = createOjsClient({
    baseUrl: 'http://ojs.test',
    fetch: (input, init) => server.fetch(new Request(input, init)),
  });
  return Object.assign(client, {
    async deadLetter(type: string, queue: string, message: string, code = 'handler_error') {
      const { job } = await client.jobs.enqueue({
        type,
        args: [{ n: 1 }],
        options: { queue, retry: { max_attempts: 1, on_exhaustion: 'dead_letter' } },
      });
      const [fetched] = await client.workers.fetch({ queues: [queue], count: 1, worker_id: 'test-worker' });
      if (!fetched || fetched.id !== job.id) throw new Error('expected to fetch the job just enqueued');
      await client.workers.nack({ job_id: job.id, error: { code, message, retryable: false } });
      return job.id;
    },
    async complete(type: string, queue: string) {
      const { job } = await client.jobs.enqueue({ type, args: [], options: { queue } });
      const [fetched] = await client.workers.fetch({ queues: [queue], count: 1, worker_id: 'test-worker' });
      if (!fetched || fetched.id !== job.id) throw new Error('expected to fetch the job just enqueued');
      await client.workers.ack({ job_id: job.id, result: { ok: true } });
      return job.id;
    },
  });
}
