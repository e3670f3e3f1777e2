/**
 * Worker lifecycle:
 *
 * ```
 * idle --start--> running <--quiet/resume--> quiet
 * running|quiet --stop--> draining --graceElapsed--> aborting
 * draining|aborting --drained--> stopped          idle --stop--> stopped
 * ```
 *
 * `running` fetches; `quiet` keeps working on what it has but fetches nothing (server directive);
 * `draining` (after `stop()`, SIGTERM or a terminate directive) lets in-flight jobs finish;
 * `aborting` (grace period over) aborts and requeues what is left; `stopped` is final.
 */
export const LIFECYCLE_STATES = ['idle', 'running', 'quiet', 'draining', 'aborting', 'stopped'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export type LifecycleEvent = 'start' | 'quiet' | 'resume' | 'stop' | 'graceElapsed' | 'drained';

const TRANSITIONS: Record<LifecycleState, Partial<Record<LifecycleEvent, LifecycleState>>> = {
  idle: { start: 'running', stop: 'stopped' },
  running: { quiet: 'quiet', stop: 'draining' },
  quiet: { resume: 'running', stop: 'draining' },
  draining: { graceElapsed: 'aborting', drained: 'stopped' },
  aborting: { drained: 'stopped' },
  stopped: {},
};

/** The state after `event`; events that do not apply leave the state unchanged. */
export function nextLifecycleState(state: LifecycleState, event: LifecycleEvent): LifecycleState {
  return TRANSITIONS[state][event] ?? state;
}

/** Only a running worker asks the server for jobs. */
export function mayFetch(state: LifecycleState): boolean {
  return state === 'running';
}

/** Heartbeats go out from start until the worker has stopped. */
export function sendsHeartbeats(state: LifecycleState): boolean {
  return state !== 'idle' && state !== 'stopped';
}

/** True once shutdown has begun. */
export function isShuttingDown(state: LifecycleState): boolean {
  return state === 'draining' || state === 'aborting' || state === 'stopped';
}

/** The state reported in heartbeats (the server's worker registry understands these words). */
export function reportedWorkerState(state: LifecycleState): string {
  switch (state) {
    case 'idle':
    case 'running':
      return 'running';
    case 'quiet':
      return 'quiet';
    case 'draining':
    case 'aborting':
      return 'draining';
    case 'stopped':
      return 'stopped';
  }
}
