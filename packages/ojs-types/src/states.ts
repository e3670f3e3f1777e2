import { z } from 'zod';

/** The 8 job states (core §6.1). */
export const JOB_STATES = [
  'scheduled',
  'available',
  'pending',
  'active',
  'retryable',
  'completed',
  'cancelled',
  'discarded',
] as const;
export type JobState = (typeof JOB_STATES)[number];
export const jobStateSchema = z.enum(JOB_STATES);

export const TERMINAL_STATES = ['completed', 'cancelled', 'discarded'] as const satisfies readonly JobState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export const NON_TERMINAL_STATES = [
  'scheduled',
  'available',
  'pending',
  'active',
  'retryable',
] as const satisfies readonly JobState[];

export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}

export function isTerminalState(state: JobState): state is TerminalState {
  return (TERMINAL_STATES as readonly JobState[]).includes(state);
}

/** What causes a transition. */
export type JobTransitionTrigger =
  | 'enqueue'
  | 'enqueue_scheduled'
  | 'enqueue_pending'
  | 'schedule_due'
  | 'activate'
  | 'fetch'
  | 'ack'
  | 'fail_retry'
  | 'fail_discard'
  | 'fail_requeue'
  | 'visibility_timeout'
  | 'execution_timeout'
  | 'cancel'
  | 'backoff_elapsed'
  | 'expire'
  | 'dead_letter_retry'
  | 'unique_replace';

export interface JobTransition {
  /** `null` is the creation edge (no previous state). */
  readonly from: JobState | null;
  readonly to: JobState;
  readonly trigger: JobTransitionTrigger;
}

const t = (from: JobState | null, to: JobState, trigger: JobTransitionTrigger): JobTransition => ({
  from,
  to,
  trigger,
});

/**
 * Every legal transition: core §6.3 merged with the behaviour the conformance suite requires (digest §1.5).
 * Terminal states have no outgoing edge except discarded -> available (manual retry from the dead letter queue).
 */
export const JOB_TRANSITIONS: readonly JobTransition[] = [
  t(null, 'available', 'enqueue'),
  t(null, 'scheduled', 'enqueue_scheduled'),
  t(null, 'pending', 'enqueue_pending'),
  t('scheduled', 'available', 'schedule_due'),
  t('pending', 'available', 'activate'),
  t('available', 'active', 'fetch'),
  t('active', 'completed', 'ack'),
  t('active', 'retryable', 'fail_retry'),
  t('active', 'discarded', 'fail_discard'),
  // requeue:true on NACK (openapi NackRequest, CT L1-WRK-003)
  t('active', 'available', 'fail_requeue'),
  t('active', 'available', 'visibility_timeout'),
  // execution timeout is a failure: retried with backoff or discarded (CT L1-TMO-001)
  t('active', 'retryable', 'execution_timeout'),
  t('active', 'discarded', 'execution_timeout'),
  // core MUST cancel an active job immediately (CT L0-LC-008)
  t('active', 'cancelled', 'cancel'),
  t('scheduled', 'cancelled', 'cancel'),
  t('available', 'cancelled', 'cancel'),
  t('pending', 'cancelled', 'cancel'),
  t('retryable', 'cancelled', 'cancel'),
  t('retryable', 'available', 'backoff_elapsed'),
  // expires_at passed before start (ojs-core §5, CT L2-TTL)
  t('available', 'discarded', 'expire'),
  t('scheduled', 'discarded', 'expire'),
  // conformance doc L0-LC-002 allows retryable -> discarded (a job that expires while waiting to retry)
  t('retryable', 'discarded', 'expire'),
  t('discarded', 'available', 'dead_letter_retry'),
  // unique on_conflict "replace" cancels the existing non-terminal job (unique-jobs §5)
  t('scheduled', 'cancelled', 'unique_replace'),
  t('available', 'cancelled', 'unique_replace'),
  t('pending', 'cancelled', 'unique_replace'),
  t('retryable', 'cancelled', 'unique_replace'),
  t('active', 'cancelled', 'unique_replace'),
];

/** True when some trigger moves a job from `from` to `to`; `from = null` asks about creation. */
export function canTransition(from: JobState | null, to: JobState): boolean {
  return JOB_TRANSITIONS.some((tr) => tr.from === from && tr.to === to);
}

/** The triggers that move a job from `from` to `to` (empty when the move is illegal). */
export function transitionTriggers(from: JobState | null, to: JobState): JobTransitionTrigger[] {
  return JOB_TRANSITIONS.filter((tr) => tr.from === from && tr.to === to).map((tr) => tr.trigger);
}

/**
 * Workflow states (workflows §8). Servers return `running` immediately on create (CT); openapi spells it
 * `active`, which {@link workflowStateSchema} maps to `running`.
 */
export const WORKFLOW_STATES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
export const TERMINAL_WORKFLOW_STATES = [
  'completed',
  'failed',
  'cancelled',
] as const satisfies readonly WorkflowState[];

export const workflowStateSchema = z
  .union([z.enum(WORKFLOW_STATES), z.literal('active')])
  .transform((s): WorkflowState => (s === 'active' ? 'running' : s));
