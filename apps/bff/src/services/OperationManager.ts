import { randomUUID } from 'node:crypto';
import type { BulkActionName, Operation } from '../api/schemas';
import { ApiError, isApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';

export interface OperationTarget {
  cluster: string;
  id: string;
}

/** Performs the action on one job; throws (ApiError or anything) on failure. */
export type OperationStep = (target: OperationTarget) => Promise<void>;

export interface OperationManagerOptions {
  concurrency?: number;
  /** Finished operations kept for `GET /api/operations/:id`. */
  keep?: number;
  now?: () => number;
  /** Called when an operation finishes (e.g. to publish an event and invalidate caches). */
  onFinish?: (operation: Operation) => void;
}

const MAX_LISTED_FAILURES = 1000;

/**
 * Tracked bulk operations: each runs in the background over its targets with bounded concurrency, and
 * reports progress (processed / succeeded / failed) and per-job failures.
 */
export class OperationManager {
  private readonly operations = new Map<string, Operation>();
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly keep: number;
  private readonly now: () => number;

  constructor(private readonly options: OperationManagerOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.keep = options.keep ?? 500;
    this.now = options.now ?? Date.now;
  }

  get(id: string): Operation {
    const op = this.operations.get(id);
    if (!op) throw ApiError.notFound(`unknown operation "${id}"`);
    return structuredClone(op);
  }

  /** Starts an operation and returns its initial state (the work continues in the background). */
  start(
    action: BulkActionName,
    cluster: string | null,
    filter: Record<string, unknown>,
    targets: OperationTarget[],
    step: OperationStep,
  ): Operation {
    const op: Operation = {
      id: `op_${randomUUID()}`,
      action,
      cluster,
      filter,
      state: 'running',
      matched: targets.length,
      processed: 0,
      succeeded: 0,
      failed: 0,
      failures: [],
      failures_truncated: false,
      started_at: new Date(this.now()).toISOString(),
    };
    this.operations.set(op.id, op);
    this.prune();
    const run = this.run(op, targets, step).finally(() => this.running.delete(run));
    this.running.add(run);
    return structuredClone(op);
  }

  private async run(op: Operation, targets: OperationTarget[], step: OperationStep): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < targets.length) {
        const target = targets[next++] as OperationTarget;
        try {
          await step(target);
          op.succeeded++;
        } catch (error) {
          op.failed++;
          const mapped = isApiError(error) ? error : toApiError(error, target.cluster);
          if (op.failures.length < MAX_LISTED_FAILURES) {
            op.failures.push({
              cluster: target.cluster,
              job_id: target.id,
              code: mapped.code,
              message: mapped.message,
            });
          } else {
            op.failures_truncated = true;
          }
        } finally {
          op.processed++;
        }
      }
    };
    try {
      await Promise.all(
        Array.from({ length: Math.min(this.concurrency, Math.max(1, targets.length)) }, worker),
      );
      op.state = op.failed > 0 && op.succeeded === 0 && op.matched > 0 ? 'failed' : 'completed';
    } catch (error) {
      op.state = 'failed';
      const mapped = toApiError(error);
      op.error = { code: mapped.code, message: mapped.message };
    }
    op.finished_at = new Date(this.now()).toISOString();
    try {
      this.options.onFinish?.(structuredClone(op));
    } catch {
      // observers never fail an operation
    }
  }

  private prune(): void {
    if (this.operations.size <= this.keep) return;
    for (const [id, op] of this.operations) {
      if (this.operations.size <= this.keep) return;
      if (op.state !== 'running') this.operations.delete(id);
    }
  }

  /** Waits for every running operation (shutdown and tests). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
