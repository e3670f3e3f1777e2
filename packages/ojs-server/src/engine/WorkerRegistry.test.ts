import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { WorkerRegistry } from './WorkerRegistry';

describe('WorkerRegistry.prune', () => {
  it('forgets a cleanly stopped worker once silent past the stale threshold, a silent one much later', () => {
    const clock = new ManualClock();
    const registry = new WorkerRegistry(clock, 30_000);
    registry.touch('clean', 'heartbeat', { reportedState: 'stopped', activeJobCount: 0 });
    registry.touch('busy-stop', 'heartbeat', { reportedState: 'stopped', activeJobCount: 2 });
    registry.touch('crashed', 'heartbeat', { reportedState: 'running', activeJobCount: 1 });

    clock.advance(20_000);
    expect(registry.prune(600_000)).toEqual([]);
    expect(registry.stateOf(registry.get('clean')!)).toBe('terminating');

    clock.advance(20_000);
    expect(registry.prune(600_000)).toEqual([{ id: 'clean', reason: 'stopped' }]);
    expect(registry.stateOf(registry.get('crashed')!)).toBe('stale');
    expect(registry.stateOf(registry.get('busy-stop')!)).toBe('stale');

    clock.advance(600_000);
    expect(registry.prune(600_000).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'busy-stop', reason: 'forgotten' },
      { id: 'crashed', reason: 'forgotten' },
    ]);
    expect(registry.size).toBe(0);
  });
});
