import { isTerminalState } from '@lookout/ojs-types';
import { isOjsServerError } from '../errors';
import type { JobFilter } from '../store/OjsStore';
import type { JobRecord } from '../store/records';
import type { OjsEngine } from './OjsEngine';

export type BulkActionName = 'retry' | 'cancel' | 'delete';

export interface BulkResult {
  action: BulkActionName;
  matched: number;
  succeeded: number;
  failed: number;
  errors: Array<{ job_id: string; error: string; code: string }>;
}

const CHUNK = 500;
const MAX_ERRORS = 100;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Apply an action to every job matching a filter (admin §8), in chunks of 500 per transaction with the event
 * loop released between chunks. Retry applies to discarded (and, with `allowCancelled`, cancelled) jobs;
 * cancel to non-terminal jobs; delete to terminal jobs. Jobs in another state count as failed.
 */
export async function runBulkAction(
  engine: OjsEngine,
  action: BulkActionName,
  filter: JobFilter & { jobIds?: readonly string[] },
  options: { allowCancelled?: boolean; component?: string } = {},
): Promise<BulkResult> {
  const result: BulkResult = { action, matched: 0, succeeded: 0, failed: 0, errors: [] };
  const component = options.component ?? 'admin';
  const apply = (job: JobRecord): void => {
    result.matched++;
    try {
      if (action === 'retry')
        engine.retryInTx(job, { allowCancelled: options.allowCancelled ?? false, component });
      else if (action === 'cancel') engine.cancelInTx(job, { component, reason: 'bulk_cancel' });
      else {
        if (!isTerminalState(job.state)) {
          throw new Error(`job is ${job.state}; only completed, cancelled or discarded jobs can be deleted`);
        }
        engine.deleteInTx(job, { component, reason: 'bulk_delete' });
      }
      result.succeeded++;
    } catch (e) {
      result.failed++;
      if (result.errors.length < MAX_ERRORS) {
        result.errors.push({
          job_id: job.id,
          error: e instanceof Error ? e.message : String(e),
          code: isOjsServerError(e) ? e.code : 'conflict',
        });
      }
    }
  };

  if (filter.jobIds !== undefined) {
    for (let i = 0; i < filter.jobIds.length; i += CHUNK) {
      const ids = filter.jobIds.slice(i, i + CHUNK);
      engine.tx(() => {
        for (const id of ids) {
          const job = engine.findJob(id);
          if (job) apply(job);
          else {
            result.matched++;
            result.failed++;
            if (result.errors.length < MAX_ERRORS)
              result.errors.push({ job_id: id, error: 'job not found', code: 'not_found' });
          }
        }
      });
      await yieldToLoop();
    }
  } else {
    let cursor: string | undefined;
    for (;;) {
      const page = engine.store.listJobs({
        ...filter,
        sort: 'created_at',
        order: 'asc',
        offset: 0,
        limit: CHUNK,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      if (page.items.length === 0) break;
      engine.tx(() => {
        for (const listed of page.items) {
          // re-read: an earlier job of the chunk (workflow, unique replace) may have changed it
          const job = engine.findJob(listed.id);
          if (job) apply(job);
        }
      });
      if (page.nextCursor === undefined) break;
      cursor = page.nextCursor;
      await yieldToLoop();
    }
  }
  engine.emit({
    type: `bulk.${action}.completed`,
    component,
    data: { action, matched: result.matched, succeeded: result.succeeded, failed: result.failed },
  });
  return result;
}
