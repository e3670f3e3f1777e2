import { type Job } from '@lookout/ojs-types';
import { type Logger } from './logger';

/** What a handler and every middleware receive for one attempt of one job. */
export interface JobContext {
  /** The job as the server handed it out (snake_case wire fields). */
  readonly job: Job;
  readonly id: string;
  readonly type: string;
  readonly queue: string;
  readonly args: readonly unknown[];
  readonly meta: Readonly<Record<string, unknown>>;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** Total attempts the retry policy allows, when the server says. */
  readonly maxAttempts: number | undefined;
  /** The worker running the job. */
  readonly workerId: string;
  /**
   * Aborted when the job must stop: its timeout elapsed, the worker is shutting down past its grace
   * period, or the server no longer considers the job ours (cancelled, lease lost). `signal.reason` says
   * which. Pass it to fetch calls and check it in loops.
   */
  readonly signal: AbortSignal;
  /** Logger with the job's id, type, queue and attempt attached. */
  readonly logger: Logger;
  /** Sets the result sent with the ACK (overrides the handler's return value). Must be JSON. */
  setResult(value: unknown): void;
  /**
   * Reports progress (0..1, clamped) with an optional message. Best effort: never throws; servers
   * without the progress extension are remembered and not asked again.
   */
  progress(fraction: number, message?: string): Promise<void>;
  /** Scratch space shared by middleware and the handler for this attempt. */
  readonly values: Map<string, unknown>;
}
