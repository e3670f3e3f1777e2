import { isTerminalState, type JsonValue } from '@lookout/ojs-types';
import { z } from 'zod';
import { invalidRequest, invalidTransition, notFound } from '../errors';
import type {
  CallbackKind,
  JobRecord,
  WorkflowRecord,
  WorkflowStepRecord,
  WorkflowType,
} from '../store/records';
import { uuidv7 } from '../util/uuidv7';
import type { OjsEngine } from './OjsEngine';
import { parseEnqueueRequest, type ParsedEnqueue } from './parseEnqueue';

const iso = (ms: number): string => new Date(ms).toISOString();
const CALLBACK_KINDS: readonly CallbackKind[] = ['on_complete', 'on_success', 'on_failure'];

const jobRequest = z.record(z.string(), z.unknown());

/** POST /ojs/v1/workflows (workflows.md / openapi WorkflowRequest). */
export const workflowRequestSchema = z.looseObject({
  type: z.enum(['chain', 'group', 'batch'], { error: 'must be one of chain, group, batch' }),
  name: z.string().max(255).optional(),
  steps: z.array(jobRequest).optional(),
  jobs: z.array(jobRequest).optional(),
  callbacks: z
    .looseObject({
      on_complete: jobRequest.optional(),
      on_success: jobRequest.optional(),
      on_failure: jobRequest.optional(),
    })
    .optional(),
  metadata: z.record(z.string(), z.json()).optional(),
});

export interface WorkflowNode {
  id: string;
  job_id: string | null;
  type: string;
  name?: string;
  state: string;
  index: number | null;
  role: 'step' | 'job' | 'callback';
  callback?: CallbackKind;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  kind: 'sequence' | CallbackKind;
}

/**
 * Chain / group / batch workflows (workflows.md, CT level 3). A chain enqueues step N+1 when step N
 * completes, passing the results so far as `parent_results`; any other terminal outcome stops it. Groups and
 * batches enqueue all jobs at once; a batch fires its callbacks exactly once when every job is terminal.
 */
export class WorkflowManager {
  readonly #engine: OjsEngine;

  constructor(engine: OjsEngine) {
    this.#engine = engine;
    engine.onJobTerminal((job) => {
      if (job.workflowId !== undefined && job.workflowRole !== 'callback') this.#onJobTerminal(job);
    });
  }

  /** Validate the whole request (every step's job envelope) before creating anything. */
  create(body: unknown): WorkflowRecord {
    const parsed = workflowRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw invalidRequest(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'workflow'}: ${i.message}`).join('; '),
      );
    }
    const req = parsed.data;
    const type: WorkflowType = req.type;
    const list = type === 'chain' ? (req.steps ?? req.jobs) : (req.jobs ?? req.steps);
    const field = type === 'chain' ? 'steps' : 'jobs';
    if (!list || list.length === 0) throw invalidRequest(`${field}: a ${type} needs at least one job`);
    const now = this.#engine.clock.now();
    // validate every envelope now so a bad step fails the request instead of the workflow later
    const prepared: ParsedEnqueue[] = list.map((j, i) => parseEnqueueRequest(j, now, `${field}[${i}]`));
    const callbacks: WorkflowRecord['callbacks'] = {};
    for (const kind of CALLBACK_KINDS) {
      const cb = req.callbacks?.[kind];
      if (cb) {
        parseEnqueueRequest(cb, now, `callbacks.${kind}`);
        callbacks[kind] = cb;
      }
    }
    const steps: WorkflowStepRecord[] = list.map((request, index) => {
      const step: WorkflowStepRecord = { index, type: prepared[index]?.job.type ?? '', request };
      const name = request['name'];
      if (typeof name === 'string') step.name = name;
      return step;
    });
    const workflow: WorkflowRecord = {
      id: uuidv7(now),
      type,
      state: 'running',
      createdAt: now,
      steps,
      callbacks,
      callbackJobIds: {},
      results: {},
    };
    if (req.name !== undefined) workflow.name = req.name;
    if (req.metadata !== undefined) workflow.metadata = req.metadata;

    return this.#engine.tx(() => {
      this.#engine.store.putWorkflow(workflow);
      this.#engine.emit({
        type: 'workflow.started',
        subject: workflow.id,
        component: 'workflows',
        data: {
          workflow_id: workflow.id,
          workflow_type: type,
          name: workflow.name ?? null,
          job_count: steps.length,
        },
      });
      let current = workflow;
      if (type === 'chain') {
        current = this.#enqueueStep(current, 0, prepared[0] as ParsedEnqueue, []);
      } else {
        prepared.forEach((p, i) => {
          current = this.#enqueueStep(current, i, p, undefined);
        });
      }
      return this.#engine.store.getWorkflow(current.id) ?? current;
    });
  }

  #enqueueStep(
    wf: WorkflowRecord,
    index: number,
    parsed: ParsedEnqueue,
    parentResults: JsonValue[] | undefined,
  ): WorkflowRecord {
    const origin: Parameters<OjsEngine['enqueue']>[1] = {
      workflowId: wf.id,
      workflowIndex: index,
      workflowRole: wf.type === 'chain' ? 'step' : 'job',
      component: 'workflows',
    };
    if (parentResults !== undefined) origin.parentResults = parentResults;
    const { job } = this.#engine.enqueue(parsed, origin);
    const latest = this.#engine.store.getWorkflow(wf.id) ?? wf;
    const steps = latest.steps.map((s) => (s.index === index ? { ...s, jobId: job.id } : s));
    const next: WorkflowRecord = { ...latest, steps };
    this.#engine.store.putWorkflow(next);
    if (wf.type === 'chain' && index > 0) {
      this.#engine.emit({
        type: 'workflow.step_enqueued',
        subject: wf.id,
        component: 'workflows',
        data: { workflow_id: wf.id, step_index: index, job_id: job.id, job_type: job.type, queue: job.queue },
      });
    }
    // a job may already be terminal (e.g. expired at enqueue); follow up immediately
    if (isTerminalState(job.state)) this.#onJobTerminal(job);
    return this.#engine.store.getWorkflow(wf.id) ?? next;
  }

  #onJobTerminal(job: JobRecord): void {
    const wf = this.#engine.store.getWorkflow(job.workflowId as string);
    if (!wf || job.workflowIndex === undefined) return;
    const step = wf.steps[job.workflowIndex];
    if (!step || step.jobId !== job.id || step.outcome !== undefined) return;
    const outcome = job.state as 'completed' | 'discarded' | 'cancelled';
    let next: WorkflowRecord = {
      ...wf,
      steps: wf.steps.map((s) => (s.index === step.index ? { ...s, outcome } : s)),
    };
    if (outcome === 'completed')
      next.results = { ...wf.results, [step.index]: job.hasResult ? (job.result ?? null) : null };
    this.#engine.store.putWorkflow(next);
    const now = this.#engine.clock.now();
    if (outcome === 'completed') {
      this.#engine.emit({
        type: 'workflow.step_completed',
        subject: wf.id,
        component: 'workflows',
        data: {
          workflow_id: wf.id,
          step_index: step.index,
          job_id: job.id,
          job_type: job.type,
          queue: job.queue,
        },
      });
    }
    if (wf.state !== 'running') return;

    if (wf.type === 'chain') {
      if (outcome !== 'completed') {
        next = this.#stopChain(next, step.index);
        this.#finish(next, outcome === 'cancelled' ? 'cancelled' : 'failed', now);
        return;
      }
      const following = next.steps[step.index + 1];
      if (!following) {
        this.#finish(next, 'completed', now);
        return;
      }
      const results: JsonValue[] = [];
      for (let i = 0; i <= step.index; i++) results.push(next.results[i] ?? null);
      try {
        const parsed = parseEnqueueRequest(following.request, now, `steps[${following.index}]`);
        this.#enqueueStep(next, following.index, parsed, results);
      } catch (e) {
        // the step was valid at creation; a uniqueness or bound rejection now fails the workflow
        const latest = this.#engine.store.getWorkflow(wf.id) ?? next;
        this.#finish(
          this.#stopChain(latest, step.index),
          'failed',
          now,
          e instanceof Error ? e.message : String(e),
        );
      }
      return;
    }

    // group / batch: done once every job is terminal
    if (next.steps.every((s) => s.outcome !== undefined)) {
      const failed = next.steps.some((s) => s.outcome !== 'completed');
      if (wf.type === 'batch') next = this.#fireCallbacks(next, failed);
      this.#finish(next, failed ? 'failed' : 'completed', now);
    }
  }

  #stopChain(wf: WorkflowRecord, failedIndex: number): WorkflowRecord {
    const next: WorkflowRecord = {
      ...wf,
      steps: wf.steps.map((s) =>
        s.index > failedIndex && s.jobId === undefined ? { ...s, skipped: true } : s,
      ),
    };
    this.#engine.store.putWorkflow(next);
    return next;
  }

  #fireCallbacks(wf: WorkflowRecord, failed: boolean): WorkflowRecord {
    const kinds: CallbackKind[] = ['on_complete', failed ? 'on_failure' : 'on_success'];
    const ids: WorkflowRecord['callbackJobIds'] = { ...wf.callbackJobIds };
    const now = this.#engine.clock.now();
    const results: JsonValue[] = wf.steps.map((s) => wf.results[s.index] ?? null);
    for (const kind of kinds) {
      const request = wf.callbacks[kind];
      if (!request || ids[kind] !== undefined) continue;
      try {
        const parsed = parseEnqueueRequest(request, now, `callbacks.${kind}`);
        const { job } = this.#engine.enqueue(parsed, {
          workflowId: wf.id,
          workflowIndex: -1,
          workflowRole: 'callback',
          parentResults: results,
          component: 'workflows',
        });
        ids[kind] = job.id;
        this.#engine.emit({
          type: 'workflow.callback_enqueued',
          subject: wf.id,
          component: 'workflows',
          data: { workflow_id: wf.id, callback: kind, job_id: job.id, job_type: job.type, queue: job.queue },
        });
      } catch (e) {
        this.#engine.emit({
          type: 'workflow.callback_failed',
          subject: wf.id,
          component: 'workflows',
          data: { workflow_id: wf.id, callback: kind, error: e instanceof Error ? e.message : String(e) },
        });
      }
    }
    const next: WorkflowRecord = { ...wf, callbackJobIds: ids };
    this.#engine.store.putWorkflow(next);
    return next;
  }

  #finish(
    wf: WorkflowRecord,
    state: 'completed' | 'failed' | 'cancelled',
    now: number,
    reason?: string,
  ): void {
    const latest = this.#engine.store.getWorkflow(wf.id) ?? wf;
    const next: WorkflowRecord = { ...latest, state, completedAt: now };
    this.#engine.store.putWorkflow(next);
    const data: Record<string, unknown> = { workflow_id: wf.id, workflow_type: wf.type, state };
    if (reason !== undefined) data['reason'] = reason;
    this.#engine.emit({
      type:
        state === 'completed'
          ? 'workflow.completed'
          : state === 'failed'
            ? 'workflow.failed'
            : 'workflow.cancelled',
      subject: wf.id,
      component: 'workflows',
      data,
    });
  }

  get(id: string): WorkflowRecord {
    const wf = this.#engine.store.getWorkflow(id);
    if (!wf) throw notFound('Workflow', id);
    return wf;
  }

  /** Cancel a running workflow: its non-terminal jobs are cancelled, unstarted steps never run. */
  cancel(id: string): WorkflowRecord {
    return this.#engine.tx(() => {
      const wf = this.get(id);
      if (wf.state !== 'running') throw invalidTransition(id, wf.state, 'cancel workflow');
      const now = this.#engine.clock.now();
      // mark cancelled first so the job hooks below do not advance or finish it
      const marked: WorkflowRecord = {
        ...wf,
        state: 'cancelled',
        completedAt: now,
        steps: wf.steps.map((s) => (s.jobId === undefined ? { ...s, skipped: true } : s)),
      };
      this.#engine.store.putWorkflow(marked);
      for (const step of wf.steps) {
        if (step.jobId === undefined) continue;
        const job = this.#engine.store.getJob(step.jobId);
        if (job && !isTerminalState(job.state)) {
          this.#engine.cancelInTx(job, { component: 'workflows', reason: 'workflow_cancelled' });
        }
      }
      this.#engine.emit({
        type: 'workflow.cancelled',
        subject: id,
        component: 'workflows',
        data: { workflow_id: id, workflow_type: wf.type, state: 'cancelled' },
      });
      return this.#engine.store.getWorkflow(id) ?? marked;
    });
  }

  list(offset: number, limit: number): { items: WorkflowRecord[]; total: number } {
    return this.#engine.store.listWorkflows(offset, limit);
  }

  /** Node state: the job's state while it exists, else the remembered outcome or waiting/skipped. */
  #stepState(step: WorkflowStepRecord): string {
    if (step.jobId !== undefined) {
      const job = this.#engine.store.getJob(step.jobId);
      if (job) return job.state;
      if (step.outcome) return step.outcome;
      return 'deleted';
    }
    return step.skipped ? 'skipped' : 'waiting';
  }

  /** Wire form: counters (CT/openapi) plus the full graph (nodes, edges) and per-step list (workflows.md §11). */
  toWire(wf: WorkflowRecord): Record<string, unknown> {
    const completed = wf.steps.filter((s) => s.outcome === 'completed').length;
    const failed = wf.steps.filter((s) => s.outcome === 'discarded').length;
    const cancelled = wf.steps.filter((s) => s.outcome === 'cancelled').length;
    const nodes: WorkflowNode[] = [];
    const edges: WorkflowEdge[] = [];
    const stepsWire: Record<string, unknown>[] = [];
    for (const step of wf.steps) {
      const nodeId = `${wf.type === 'chain' ? 'step' : 'job'}-${step.index}`;
      const state = this.#stepState(step);
      const node: WorkflowNode = {
        id: nodeId,
        job_id: step.jobId ?? null,
        type: step.type,
        state,
        index: step.index,
        role: wf.type === 'chain' ? 'step' : 'job',
      };
      if (step.name !== undefined) node.name = step.name;
      nodes.push(node);
      if (wf.type === 'chain' && step.index > 0)
        edges.push({ from: `step-${step.index - 1}`, to: nodeId, kind: 'sequence' });
      const job = step.jobId !== undefined ? this.#engine.store.getJob(step.jobId) : undefined;
      const sw: Record<string, unknown> = {
        index: step.index,
        type: step.type,
        state,
        job_id: step.jobId ?? null,
      };
      if (step.name !== undefined) sw['name'] = step.name;
      if (wf.results[step.index] !== undefined) sw['result'] = wf.results[step.index];
      if (job?.startedAt !== undefined) sw['started_at'] = iso(job.startedAt);
      if (job?.completedAt !== undefined) sw['completed_at'] = iso(job.completedAt);
      stepsWire.push(sw);
    }
    for (const kind of CALLBACK_KINDS) {
      const request = wf.callbacks[kind];
      if (!request) continue;
      const jobId = wf.callbackJobIds[kind];
      const job = jobId !== undefined ? this.#engine.store.getJob(jobId) : undefined;
      const nodeId = `callback-${kind}`;
      const typeValue = request['type'];
      const state = job
        ? job.state
        : jobId !== undefined
          ? 'deleted'
          : wf.state === 'running'
            ? 'waiting'
            : 'skipped';
      nodes.push({
        id: nodeId,
        job_id: jobId ?? null,
        type: typeof typeValue === 'string' ? typeValue : 'unknown',
        state,
        index: null,
        role: 'callback',
        callback: kind,
      });
      for (const step of wf.steps) edges.push({ from: `job-${step.index}`, to: nodeId, kind });
    }
    const out: Record<string, unknown> = {
      id: wf.id,
      type: wf.type,
      state: wf.state,
      created_at: iso(wf.createdAt),
    };
    if (wf.name !== undefined) out['name'] = wf.name;
    if (wf.completedAt !== undefined) out['completed_at'] = iso(wf.completedAt);
    if (wf.type === 'chain') {
      out['steps_total'] = wf.steps.length;
      out['steps_completed'] = completed;
    } else {
      out['jobs_total'] = wf.steps.length;
      out['jobs_completed'] = completed;
      out['jobs_failed'] = failed;
    }
    out['metadata'] = {
      job_count: wf.steps.length,
      completed_count: completed,
      failed_count: failed,
      cancelled_count: cancelled,
      ...(wf.metadata ?? {}),
    };
    if (Object.keys(wf.callbacks).length > 0) out['callbacks'] = wf.callbacks;
    if (Object.keys(wf.callbackJobIds).length > 0) out['callback_job_ids'] = wf.callbackJobIds;
    out['steps'] = stepsWire;
    out['nodes'] = nodes;
    out['edges'] = edges;
    return out;
  }
}
