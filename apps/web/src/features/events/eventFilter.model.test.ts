import { describe, expect, it } from 'vitest';
import type { OjsEvent } from '../../live/ojsEvent.mapper';
import { matchesEvent, visibleEvents } from './eventFilter.model';

const e = (type: string, cluster = 'a', queue?: string): OjsEvent => ({
  seq: type,
  cluster,
  type,
  time: '2026-01-01T00:00:00Z',
  jobId: undefined,
  queue,
  jobType: undefined,
  from: undefined,
  to: undefined,
  attempt: undefined,
  workerId: undefined,
  workflowId: undefined,
  error: undefined,
  progress: undefined,
  data: undefined,
});

describe('event filter', () => {
  it('matches by type prefix, cluster and queue', () => {
    expect(matchesEvent(e('job.failed'), { type: 'job.' })).toBe(true);
    expect(matchesEvent(e('job.failed'), { type: 'job.*' })).toBe(true);
    expect(matchesEvent(e('worker.heartbeat'), { type: 'job.' })).toBe(false);
    expect(matchesEvent(e('job.failed', 'b'), { cluster: 'a' })).toBe(false);
    expect(matchesEvent(e('job.failed', 'a', 'q'), { queue: 'q' })).toBe(true);
  });
  it('lists newest first up to the limit', () => {
    const list = [e('job.1'), e('job.2'), e('worker.x'), e('job.3')];
    expect(visibleEvents(list, { type: 'job.' }, 2).map((x) => x.type)).toEqual(['job.3', 'job.2']);
  });
});
