import { describe, expect, it } from 'vitest';
import { explainWaiting, type WaitFacts } from './explainWaiting';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const at = (ms: number) => new Date(now + ms).toISOString();

function facts(job: Partial<WaitFacts['job']>, extra: Partial<WaitFacts> = {}): WaitFacts {
  return {
    cluster: 'a',
    job: { id: 'j1', type: 'email.send', state: 'available', queue: 'emails', ...job },
    queue: { paused: false },
    liveWorkersOnQueue: ['w1'],
    ...extra,
  };
}

const codes = (f: WaitFacts) => explainWaiting(f, now).reasons.map((r) => r.code);

describe('explainWaiting', () => {
  it('finds nothing for a runnable job with workers', () => {
    expect(explainWaiting(facts({}), now)).toEqual({ state: 'available', waiting: true, reasons: [] });
  });

  it('explains a paused queue and a queue without workers', () => {
    expect(codes(facts({}, { queue: { paused: true }, liveWorkersOnQueue: [] }))).toEqual([
      'queue_paused',
      'no_live_worker',
    ]);
  });

  it('does not claim missing workers when workers cannot be listed', () => {
    expect(codes(facts({}, { liveWorkersOnQueue: undefined }))).toEqual([]);
  });

  it('explains scheduled and retrying jobs with their times', () => {
    const scheduled = explainWaiting(facts({ state: 'scheduled', scheduled_at: at(5 * 60_000) }), now);
    expect(scheduled.reasons[0]).toMatchObject({
      code: 'scheduled_later',
      message: 'Scheduled to run in 5 min',
    });
    const retry = explainWaiting(
      facts({ state: 'retryable', attempt: 2, max_attempts: 5, next_attempt_at: at(30_000) }),
      now,
    );
    expect(retry.reasons[0]).toMatchObject({
      code: 'retry_backoff',
      message: 'Attempt 2 failed; the next attempt runs in 30s',
    });
  });

  it('explains pending, maintenance, rate limits, workflow parents and unique holders', () => {
    expect(codes(facts({ state: 'pending' }))).toEqual(['pending_activation']);
    expect(codes(facts({}, { maintenance: { enabled: true, reason: 'upgrade' } }))).toEqual(['maintenance']);
    expect(codes(facts({}, { queue: { paused: false, rateLimit: { limit: 10, period: 'PT1S' } } }))).toEqual([
      'rate_limited',
    ]);
    expect(
      codes(
        facts(
          { workflow_id: 'wf' },
          { unfinishedParents: [{ job_id: 'p', type: 'etl.fetch', state: 'active' }] },
        ),
      ),
    ).toEqual(['waiting_on_parents']);
    expect(codes(facts({}, { uniqueHolders: [{ id: 'j0', state: 'active' }] }))).toEqual(['unique_conflict']);
  });

  it('explains an active job held by a dead worker, and says nothing for terminal jobs', () => {
    const held = explainWaiting(
      facts({ state: 'active', worker_id: 'w9' }, { workerStale: { id: 'w9' } }),
      now,
    );
    expect(held.waiting).toBe(true);
    expect(held.reasons.map((r) => r.code)).toEqual(['lease_held_by_dead_worker']);
    expect(explainWaiting(facts({ state: 'active' }), now).waiting).toBe(false);
    expect(explainWaiting(facts({ state: 'completed' }, { queue: { paused: true } }), now)).toEqual({
      state: 'completed',
      waiting: false,
      reasons: [],
    });
  });
});
