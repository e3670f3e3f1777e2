import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isTerminalState,
  JOB_STATES,
  JOB_TRANSITIONS,
  TERMINAL_STATES,
  transitionTriggers,
  workflowStateSchema,
  type JobState,
} from './states';

/** digest §1.5, written out as the full legal matrix: from -> allowed targets. */
const LEGAL: Record<JobState, readonly JobState[]> = {
  scheduled: ['available', 'cancelled', 'discarded'],
  available: ['active', 'cancelled', 'discarded'],
  pending: ['available', 'cancelled'],
  active: ['completed', 'retryable', 'discarded', 'available', 'cancelled'],
  retryable: ['available', 'cancelled', 'discarded'],
  completed: [],
  cancelled: [],
  discarded: ['available'],
};

describe('job state machine', () => {
  it('has the 8 states, 3 terminal', () => {
    expect(JOB_STATES).toHaveLength(8);
    expect([...TERMINAL_STATES].sort()).toEqual(['cancelled', 'completed', 'discarded']);
    expect(JOB_STATES.filter(isTerminalState)).toHaveLength(3);
  });
  it('creation goes to available, scheduled or pending only', () => {
    expect(JOB_STATES.filter((s) => canTransition(null, s)).sort()).toEqual([
      'available',
      'pending',
      'scheduled',
    ]);
  });
  for (const from of JOB_STATES) {
    it(`${from} -> exactly ${LEGAL[from].join(', ') || 'nothing'}`, () => {
      const allowed = JOB_STATES.filter((to) => canTransition(from, to));
      expect(allowed.sort()).toEqual([...LEGAL[from]].sort());
    });
  }
  it('every table row is reachable through canTransition and names a trigger', () => {
    for (const tr of JOB_TRANSITIONS) {
      expect(canTransition(tr.from, tr.to)).toBe(true);
      expect(transitionTriggers(tr.from, tr.to)).toContain(tr.trigger);
    }
  });
  it('active -> available has both requeue and visibility timeout triggers', () => {
    expect(transitionTriggers('active', 'available').sort()).toEqual(['fail_requeue', 'visibility_timeout']);
    expect(transitionTriggers('completed', 'available')).toEqual([]);
  });
});

describe('workflow states', () => {
  it('maps openapi "active" to running', () => {
    expect(workflowStateSchema.parse('active')).toBe('running');
    expect(workflowStateSchema.parse('failed')).toBe('failed');
    expect(workflowStateSchema.safeParse('waiting').success).toBe(false);
  });
});
