import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { JobDetail } from '../features/job/jobDetail.mapper';
import { jobKeys } from '../features/jobs/jobKeys';
import type { StatsHistory } from '../features/overview/overview.mapper';
import { overviewKeys } from '../features/overview/overviewKeys';
import type { WorkflowDetail } from '../features/workflows/workflow.mapper';
import { workflowKeys } from '../features/workflows/workflowKeys';
import { eventKeys } from '../features/events/eventKeys';
import { applyOjsEvents, appendToSeries, EVENT_TAIL_CAP } from './applyOjsEvents';
import type { OjsEvent } from './ojsEvent.mapper';

const JOB = '019a0000-0000-7000-8000-000000000001';

function event(partial: Partial<OjsEvent> & Pick<OjsEvent, 'type'>): OjsEvent {
  return {
    seq: undefined,
    cluster: 'local',
    time: '2026-01-01T00:00:30.000Z',
    jobId: undefined,
    queue: undefined,
    jobType: undefined,
    from: undefined,
    to: undefined,
    attempt: undefined,
    workerId: undefined,
    workflowId: undefined,
    error: undefined,
    progress: undefined,
    data: undefined,
    ...partial,
  };
}

function recorder() {
  const invalidated: QueryKey[] = [];
  let all = 0;
  return {
    invalidated,
    get all() {
      return all;
    },
    ctx: { invalidate: (key: QueryKey) => invalidated.push(key), invalidateAll: () => (all += 1) },
  };
}

function detail(): JobDetail {
  return {
    job: {
      id: JOB,
      type: 'email.send',
      queue: 'default',
      state: 'available',
      priority: 0,
      attempt: 0,
      maxAttempts: 3,
      args: [],
      meta: undefined,
      result: undefined,
      error: undefined,
      errors: [],
      createdAt: undefined,
      enqueuedAt: undefined,
      scheduledAt: undefined,
      startedAt: undefined,
      completedAt: undefined,
      cancelledAt: undefined,
      discardedAt: undefined,
      expiresAt: undefined,
      progress: undefined,
      workerId: undefined,
      workflowId: undefined,
      tags: [],
    },
    events: [],
  };
}

function history(): StatsHistory {
  const point = (timestamp: string) => ({
    timestamp,
    completed: 1,
    failed: 0,
    enqueued: 0,
    depth: 4,
    waitP50Ms: undefined,
    waitP95Ms: undefined,
    runP50Ms: undefined,
    runP95Ms: undefined,
  });
  return {
    window: '15m',
    stepSeconds: 60,
    source: 'sampled',
    series: [point('2026-01-01T00:00:00.000Z'), point('2026-01-01T00:01:00.000Z')],
  };
}

describe('applyOjsEvents', () => {
  it('patches a cached job detail: state, attempt, worker and a timeline entry, once per event id', () => {
    const qc = new QueryClient();
    qc.setQueryData(jobKeys.detail('local', JOB), detail());
    const rec = recorder();
    const started = event({
      type: 'job.started',
      seq: '10',
      jobId: JOB,
      to: 'active',
      attempt: 1,
      workerId: 'w1',
    });
    applyOjsEvents(qc, [started, started], rec.ctx);
    const after = qc.getQueryData<JobDetail>(jobKeys.detail('local', JOB));
    expect(after?.job.state).toBe('active');
    expect(after?.job.attempt).toBe(1);
    expect(after?.job.workerId).toBe('w1');
    expect(after?.events.map((e) => [e.id, e.from, e.to])).toEqual([['10', 'available', 'active']]);
  });

  it('leaves uncached job details alone and invalidates lists and counts of the cluster and of all', () => {
    const qc = new QueryClient();
    const rec = recorder();
    applyOjsEvents(qc, [event({ type: 'job.completed', jobId: JOB, to: 'completed' })], rec.ctx);
    expect(qc.getQueryData(jobKeys.detail('local', JOB))).toBeUndefined();
    const keys = rec.invalidated.map((k) => JSON.stringify(k));
    expect(keys).toContain(JSON.stringify(['ojs', 'local', 'jobs', 'list']));
    expect(keys).toContain(JSON.stringify(['ojs', 'all', 'jobs', 'list']));
    expect(keys).toContain(JSON.stringify(['ojs', 'local', 'queues']));
    expect(keys).toContain(JSON.stringify(['ojs', 'all', 'overview']));
    expect(keys).toContain(JSON.stringify(['ojs', 'local', 'workers']));
    expect(keys).not.toContain(JSON.stringify(['ojs', 'local', 'dead-letter']));
  });

  it('asks for each key once per batch however many events touch it', () => {
    const qc = new QueryClient();
    const rec = recorder();
    const batch = Array.from({ length: 50 }, (_, i) =>
      event({ type: 'job.enqueued', seq: String(i), jobId: JOB, to: 'available' }),
    );
    applyOjsEvents(qc, batch, rec.ctx);
    const keys = rec.invalidated.map((k) => JSON.stringify(k));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('invalidates the dead letter when a job is discarded', () => {
    const qc = new QueryClient();
    const rec = recorder();
    applyOjsEvents(qc, [event({ type: 'job.discarded', jobId: JOB })], rec.ctx);
    expect(rec.invalidated.map((k) => JSON.stringify(k))).toContain(
      JSON.stringify(['ojs', 'local', 'dead-letter']),
    );
  });

  it('recolours the workflow node of the job', () => {
    const qc = new QueryClient();
    const wf: WorkflowDetail = {
      workflow: {
        cluster: 'local',
        id: 'wf1',
        name: 'wf1',
        kind: 'chain',
        state: 'running',
        total: 2,
        completed: 0,
        failed: 0,
        createdAt: undefined,
        completedAt: undefined,
      },
      graph: {
        nodes: [
          { id: 'n1', jobId: JOB, type: 'a', state: 'active', label: 'a', role: 'step', index: 0 },
          { id: 'n2', jobId: 'other', type: 'b', state: 'pending', label: 'b', role: 'step', index: 1 },
        ],
        edges: [{ id: 'e', source: 'n1', target: 'n2', kind: 'sequence' }],
        rebuilt: false,
      },
    };
    qc.setQueryData(workflowKeys.detail('local', 'wf1'), wf);
    applyOjsEvents(
      qc,
      [event({ type: 'job.completed', jobId: JOB, workflowId: 'wf1', to: 'completed' })],
      recorder().ctx,
    );
    const after = qc.getQueryData<WorkflowDetail>(workflowKeys.detail('local', 'wf1'));
    expect(after?.graph.nodes.map((n) => n.state)).toEqual(['completed', 'pending']);
    expect(after?.graph.nodes[1]).toBe(wf.graph.nodes[1]);
  });

  it('refetches everything on a gap', () => {
    const qc = new QueryClient();
    const rec = recorder();
    applyOjsEvents(qc, [event({ type: 'job.started', jobId: JOB }), event({ type: 'system.gap' })], rec.ctx);
    expect(rec.all).toBe(1);
  });

  it('keeps a capped tail of events', () => {
    const qc = new QueryClient();
    const batch = Array.from({ length: EVENT_TAIL_CAP + 20 }, (_, i) =>
      event({ type: 'worker.heartbeat', seq: String(i) }),
    );
    applyOjsEvents(qc, batch, recorder().ctx);
    const tail = qc.getQueryData<OjsEvent[]>(eventKeys.tail());
    expect(tail).toHaveLength(EVENT_TAIL_CAP);
    expect(tail?.[EVENT_TAIL_CAP - 1]?.seq).toBe(String(EVENT_TAIL_CAP + 19));
  });

  it('counts completions into cached stats series of the cluster, of all clusters and of the queue only', () => {
    const qc = new QueryClient();
    qc.setQueryData(overviewKeys.stats('local', undefined, '15m'), history());
    qc.setQueryData(overviewKeys.stats(undefined, undefined, '15m'), history());
    qc.setQueryData(overviewKeys.stats('local', 'default', '15m'), history());
    qc.setQueryData(overviewKeys.stats('local', 'other', '15m'), history());
    applyOjsEvents(
      qc,
      [event({ type: 'job.completed', queue: 'default', time: '2026-01-01T00:01:10.000Z', to: 'completed' })],
      recorder().ctx,
    );
    const last = (key: QueryKey) => qc.getQueryData<StatsHistory>(key)?.series[1]?.completed;
    expect(last(overviewKeys.stats('local', undefined, '15m'))).toBe(2);
    expect(last(overviewKeys.stats(undefined, undefined, '15m'))).toBe(2);
    expect(last(overviewKeys.stats('local', 'default', '15m'))).toBe(2);
    expect(last(overviewKeys.stats('local', 'other', '15m'))).toBe(1);
  });
});

describe('appendToSeries', () => {
  it('appends new buckets and drops as many from the front', () => {
    const next = appendToSeries(history(), 'failed', Date.parse('2026-01-01T00:03:05.000Z'));
    expect(next.series.map((p) => [p.timestamp, p.failed])).toEqual([
      ['2026-01-01T00:02:00.000Z', 0],
      ['2026-01-01T00:03:00.000Z', 1],
    ]);
  });

  it('counts into an older bucket that is still in the window and ignores older ones', () => {
    const h = history();
    expect(appendToSeries(h, 'completed', Date.parse('2026-01-01T00:00:10.000Z')).series[0]?.completed).toBe(
      2,
    );
    expect(appendToSeries(h, 'completed', Date.parse('2025-12-31T00:00:00.000Z'))).toBe(h);
  });
});
