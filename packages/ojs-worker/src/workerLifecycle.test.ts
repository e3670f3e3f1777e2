import { describe, expect, it } from 'vitest';
import {
  isShuttingDown,
  LIFECYCLE_STATES,
  type LifecycleEvent,
  type LifecycleState,
  mayFetch,
  nextLifecycleState,
  reportedWorkerState,
  sendsHeartbeats,
} from './workerLifecycle';

describe('worker lifecycle', () => {
  it.each<[LifecycleState, LifecycleEvent, LifecycleState]>([
    ['idle', 'start', 'running'],
    ['idle', 'stop', 'stopped'],
    ['running', 'quiet', 'quiet'],
    ['quiet', 'resume', 'running'],
    ['running', 'stop', 'draining'],
    ['quiet', 'stop', 'draining'],
    ['draining', 'drained', 'stopped'],
    ['draining', 'graceElapsed', 'aborting'],
    ['aborting', 'drained', 'stopped'],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextLifecycleState(from, event)).toBe(to);
  });

  it.each<[LifecycleState, LifecycleEvent]>([
    ['running', 'start'],
    ['draining', 'stop'],
    ['draining', 'quiet'],
    ['draining', 'resume'],
    ['aborting', 'stop'],
    ['stopped', 'start'],
    ['stopped', 'stop'],
    ['idle', 'drained'],
    ['running', 'resume'],
  ])('ignores %s --%s', (state, event) => {
    expect(nextLifecycleState(state, event)).toBe(state);
  });

  it('fetches only while running and heartbeats from start until stopped', () => {
    expect(LIFECYCLE_STATES.filter(mayFetch)).toEqual(['running']);
    expect(LIFECYCLE_STATES.filter(sendsHeartbeats)).toEqual(['running', 'quiet', 'draining', 'aborting']);
    expect(LIFECYCLE_STATES.filter(isShuttingDown)).toEqual(['draining', 'aborting', 'stopped']);
  });

  it('reports words the server registry understands', () => {
    expect(LIFECYCLE_STATES.map(reportedWorkerState)).toEqual([
      'running',
      'running',
      'quiet',
      'draining',
      'draining',
      'stopped',
    ]);
  });
});
