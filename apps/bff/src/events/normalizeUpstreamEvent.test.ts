import { describe, expect, it } from 'vitest';
import { normalizeUpstreamEvent, stateChangeEventType } from './normalizeUpstreamEvent';

const now = () => Date.UTC(2026, 0, 1);

describe('normalizeUpstreamEvent', () => {
  it('reads the OJS event envelope', () => {
    const event = normalizeUpstreamEvent(
      'a',
      'job.failed',
      {
        specversion: '1.0',
        id: 'evt_1',
        type: 'job.failed',
        source: 'ojs://x',
        time: '2026-01-01T00:00:01.000Z',
        subject: 'job-1',
        data: {
          job_type: 'email.send',
          queue: 'emails',
          attempt: 2,
          worker_id: 'w1',
          error: { code: 'timeout', message: 'took too long', retryable: true },
        },
      },
      now,
    );
    expect(event).toEqual({
      cluster: 'a',
      type: 'job.failed',
      time: '2026-01-01T00:00:01.000Z',
      job_id: 'job-1',
      queue: 'emails',
      job_type: 'email.send',
      attempt: 2,
      worker_id: 'w1',
      error: { code: 'timeout', message: 'took too long' },
      data: {
        job_type: 'email.send',
        queue: 'emails',
        attempt: 2,
        worker_id: 'w1',
        error: { code: 'timeout', message: 'took too long', retryable: true },
      },
    });
  });

  it('reads the realtime state-change payload', () => {
    const event = normalizeUpstreamEvent('a', 'job.state_changed', {
      job_id: 'j',
      queue: 'q',
      type: 'report.generate',
      from: 'available',
      to: 'active',
      timestamp: '2026-01-01T00:00:02.000Z',
    });
    expect(event).toMatchObject({
      type: 'job.state_changed',
      job_id: 'j',
      queue: 'q',
      job_type: 'report.generate',
      from: 'available',
      to: 'active',
      time: '2026-01-01T00:00:02.000Z',
    });
  });

  it('reads the Go servers flat form and progress', () => {
    const event = normalizeUpstreamEvent(
      'a',
      'message',
      {
        event: 'job.progress',
        job_id: 'j',
        queue: 'q',
        type: 'image.resize',
        progress: 0.42,
      },
      now,
    );
    expect(event).toMatchObject({
      type: 'job.progress',
      job_id: 'j',
      job_type: 'image.resize',
      progress: 42,
    });
    expect(event?.time).toBe('2026-01-01T00:00:00.000Z');
  });

  it('fills subject-based ids for queue, worker and workflow events', () => {
    const envelope = (type: string, subject: string) => ({
      specversion: '1.0',
      id: 'e',
      type,
      source: 's',
      time: '2026-01-01T00:00:00Z',
      subject,
      data: {},
    });
    expect(normalizeUpstreamEvent('a', undefined, envelope('queue.paused', 'emails'))?.queue).toBe('emails');
    expect(normalizeUpstreamEvent('a', undefined, envelope('worker.started', 'w9'))?.worker_id).toBe('w9');
    expect(normalizeUpstreamEvent('a', undefined, envelope('workflow.completed', 'wf'))?.workflow_id).toBe(
      'wf',
    );
  });

  it('rejects what is not an event', () => {
    expect(normalizeUpstreamEvent('a', 'message', 'text')).toBeNull();
    expect(normalizeUpstreamEvent('a', 'message', { hello: 1 })).toBeNull();
    expect(normalizeUpstreamEvent('a', 'Bad Type', { job_id: 'x' })).toBeNull();
    expect(normalizeUpstreamEvent('a', 'message', [1, 2])).toBeNull();
  });

  it('maps state changes to catalogue types', () => {
    expect(stateChangeEventType('completed')).toBe('job.completed');
    expect(stateChangeEventType('pending')).toBeUndefined();
    expect(stateChangeEventType(undefined)).toBeUndefined();
  });
});
