import { formatZodIssues, type WorkflowRequest, workflowRequestSchema } from '@lookout/ojs-types';
import { type EnqueueOptions, toEnqueueRequest } from './enqueueOptions';
import { ValidationError } from './typedErrors';

/** One job of a workflow: a chain step, a group/batch member, or a batch callback. */
export interface WorkflowStep {
  type: string;
  args?: readonly unknown[];
  /** Same options as `enqueue` (queue, priority, retry, timeoutMs, meta...). */
  options?: EnqueueOptions;
  /** Optional step name shown in graphs. */
  name?: string;
}

export interface ChainDefinition {
  readonly type: 'chain';
  readonly steps: readonly WorkflowStep[];
}
export interface GroupDefinition {
  readonly type: 'group';
  readonly jobs: readonly WorkflowStep[];
}
export interface BatchCallbacks {
  /** Runs once every job is terminal, whatever the outcome. */
  onComplete?: WorkflowStep;
  /** Runs once every job is terminal and none failed. */
  onSuccess?: WorkflowStep;
  /** Runs once every job is terminal and at least one failed. */
  onFailure?: WorkflowStep;
}
export interface BatchDefinition {
  readonly type: 'batch';
  readonly jobs: readonly WorkflowStep[];
  readonly callbacks: BatchCallbacks;
}
export type WorkflowDefinition = ChainDefinition | GroupDefinition | BatchDefinition;

/** Shorthand for a step: `step('etl.fetch', [{ url }], { queue: 'etl' })`. */
export function step(type: string, args: readonly unknown[] = [], options?: EnqueueOptions): WorkflowStep {
  return options === undefined ? { type, args } : { type, args, options };
}

/** Sequential steps: each starts after the previous one completed and gets its result in `parent_results`. */
export function chain(...steps: WorkflowStep[]): ChainDefinition {
  if (steps.length === 0) throw new RangeError('a chain needs at least one step');
  return { type: 'chain', steps };
}

/** Parallel jobs, tracked together. */
export function group(...jobs: WorkflowStep[]): GroupDefinition {
  if (jobs.length === 0) throw new RangeError('a group needs at least one job');
  return { type: 'group', jobs };
}

/** Parallel jobs with callbacks fired once when all of them are terminal. */
export function batch(callbacks: BatchCallbacks, ...jobs: WorkflowStep[]): BatchDefinition {
  if (jobs.length === 0) throw new RangeError('a batch needs at least one job');
  return { type: 'batch', jobs, callbacks };
}

function toWireStep(s: WorkflowStep): Record<string, unknown> {
  // validates type, args and options exactly as enqueue does
  const req = toEnqueueRequest(s.type, s.args ?? [], s.options);
  const out: Record<string, unknown> = { type: req.type, args: req.args };
  if (s.name !== undefined) out.name = s.name;
  if (req.meta !== undefined) out.meta = req.meta;
  if (req.options !== undefined) out.options = req.options;
  return out;
}

/** The `POST /ojs/v1/workflows` body of a definition. Throws ValidationError on an invalid step. */
export function toWorkflowRequest(def: WorkflowDefinition, name?: string): WorkflowRequest {
  const body: Record<string, unknown> = { type: def.type };
  if (name !== undefined) body.name = name;
  if (def.type === 'chain') {
    body.steps = def.steps.map(toWireStep);
  } else {
    body.jobs = def.jobs.map(toWireStep);
  }
  if (def.type === 'batch') {
    const callbacks: Record<string, unknown> = {};
    if (def.callbacks.onComplete) callbacks.on_complete = toWireStep(def.callbacks.onComplete);
    if (def.callbacks.onSuccess) callbacks.on_success = toWireStep(def.callbacks.onSuccess);
    if (def.callbacks.onFailure) callbacks.on_failure = toWireStep(def.callbacks.onFailure);
    if (Object.keys(callbacks).length > 0) body.callbacks = callbacks;
  }
  const parsed = workflowRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(`invalid ${def.type} workflow: ${formatZodIssues(parsed.error)}`);
  }
  // `body` passed the workflow schema above and is sent as built
  return body as WorkflowRequest;
}
