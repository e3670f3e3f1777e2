import { resolveUniquePolicy } from '@lookout/ojs-types';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhyResponse } from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';
import { lookupUniqueHolders, matchUniqueHolders, uniquePolicyOf } from './uniqueHolders';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const job = (id: string, state: string, args: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  type: 'report.build',
  queue: 'reports',
  state,
  args,
  meta: {},
  ...extra,
});

describe('matchUniqueHolders', () => {
  const policy = resolveUniquePolicy({ args_keys: ['account'], states: ['active', 'available'] });
  const waiting = job('w', 'available', [{ account: 7, page: 1 }]);

  it('finds other jobs with the same key in the policy states', () => {
    const holders = matchUniqueHolders(
      waiting,
      policy,
      [
        waiting,
        job('a', 'active', [{ account: 7, page: 2 }]),
        job('b', 'active', [{ account: 8 }]),
        job('c', 'completed', [{ account: 7 }]),
        job('d', 'available', [{ account: 7 }], { queue: 'other' }),
      ],
      NOW,
    );
    expect(holders).toEqual([
      { id: 'a', state: 'active' },
      { id: 'd', state: 'available' },
    ]);
  });

  it('drops holders created before the policy period', () => {
    const timed = resolveUniquePolicy({ args_keys: ['account'], period: 'PT1H' });
    const old = job('old', 'active', [{ account: 7 }], { created_at: '2026-11-23T10:00:00.000Z' });
    const recent = job('new', 'active', [{ account: 7 }], { created_at: '2026-11-23T11:30:00.000Z' });
    expect(matchUniqueHolders(waiting, timed, [old, recent], NOW)).toEqual([{ id: 'new', state: 'active' }]);
  });

  it('reads no policy from a job without a valid one', () => {
    expect(uniquePolicyOf({})).toBeUndefined();
    expect(uniquePolicyOf({ unique: { states: ['nonsense'] } })).toBeUndefined();
    expect(uniquePolicyOf({ unique: { keys: ['type'] } })?.states).toContain('active');
  });
});

describe('lookupUniqueHolders against the embedded server', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('finds the active job holding the key of a waiting one', async () => {
    h = await createHarness();
    const ojs = ojsDriver(h.server);
    const first = await ojs.jobs.enqueue({
      type: 'report.build',
      args: [{ account: 7 }],
      options: { queue: 'reports', unique: { args_keys: ['account'], states: ['available'] } },
    });
    const second = await ojs.jobs.enqueue({
      type: 'report.build',
      args: [{ account: 7 }],
      options: { queue: 'reports', unique: { args_keys: ['account'], states: ['active'] } },
    });
    await ojs.workers.fetch({ queues: ['reports'], count: 1, worker_id: 'w-1' });
    const waiting = await ojs.jobs.get(second.job.id);
    const holders = await lookupUniqueHolders(h.bff.deps.registry.get('local'), waiting, Date.now());
    expect(holders).toEqual([{ id: first.job.id, state: 'active' }]);
    const why = await h.json<WhyResponse>(`/api/clusters/local/jobs/${second.job.id}/why`);
    expect(why.reasons).toContainEqual(
      expect.objectContaining({
        code: 'unique_conflict',
        link: { page: 'job', params: { cluster: 'local', job: first.job.id } },
      }),
    );
  });
});
