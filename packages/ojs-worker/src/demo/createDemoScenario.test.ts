import { describe, expect, it } from 'vitest';
import { toEnqueueRequest } from '../enqueueOptions';
import { toWorkflowRequest } from '../workflowBuilders';
import { createDemoScenario, type PlannedAction } from './createDemoScenario';
import {
  DEMO_JOB_TYPES,
  emailArgsSchema,
  imageResizeArgsSchema,
  paymentArgsSchema,
  reportArgsSchema,
  webhookArgsSchema,
} from './demoCatalogue';

function take(seed: number | string, n: number, rate = 20): PlannedAction[] {
  const s = createDemoScenario({ seed, rate });
  return Array.from({ length: n }, () => s.nextAction());
}

const ARG_SCHEMAS = {
  'email.send': emailArgsSchema,
  'image.resize': imageResizeArgsSchema,
  'payment.charge': paymentArgsSchema,
  'report.generate': reportArgsSchema,
  'webhook.deliver': webhookArgsSchema,
} as const;

describe('createDemoScenario', () => {
  it('plans exactly the same actions for the same seed', () => {
    expect(take(42, 300)).toEqual(take(42, 300));
    expect(take(42, 50)).not.toEqual(take(43, 50));
  });

  it('spaces actions as Poisson arrivals at the requested rate', () => {
    const actions = take('rate', 2000, 20);
    const last = actions[actions.length - 1];
    // 2000 actions at 20/s take about 100 s
    expect(last?.atMs).toBeGreaterThan(90_000);
    expect(last?.atMs).toBeLessThan(110_000);
    expect(actions.every((a, i) => i === 0 || a.atMs >= (actions[i - 1]?.atMs ?? 0))).toBe(true);
    expect(actions.map((a) => a.seq)).toEqual(actions.map((_, i) => i + 1));
  });

  it('mixes every job type and workflow kind, each a valid OJS request with valid args', () => {
    const actions = take(7, 3000);
    const types = new Set<string>();
    const workflows = new Set<string>();
    for (const a of actions) {
      if (a.kind === 'job') {
        types.add(a.type);
        expect(() => toEnqueueRequest(a.type, a.args, a.options)).not.toThrow();
        const schema = ARG_SCHEMAS[a.type as keyof typeof ARG_SCHEMAS];
        expect(schema.safeParse(a.args).success).toBe(true);
      } else {
        workflows.add(a.definition.type);
        expect(() => toWorkflowRequest(a.definition, a.name)).not.toThrow();
      }
    }
    expect([...types].sort()).toEqual(Object.keys(ARG_SCHEMAS).sort());
    expect([...workflows].sort()).toEqual(['batch', 'chain', 'group']);
    for (const t of types) expect(DEMO_JOB_TYPES).toContain(t);
  });

  it('gives payments and webhooks the fates the console should show', () => {
    const actions = take(11, 4000);
    const payments = actions.flatMap((a) =>
      a.kind === 'job' && a.type === 'payment.charge' ? [paymentArgsSchema.parse(a.args)[0]] : [],
    );
    const outcomes = new Set(payments.map((p) => p.outcome));
    expect([...outcomes].sort()).toEqual(['declined', 'flaky', 'gateway_down', 'ok']);
    // gateway_down fails more often than the policy allows: these end in dead letter
    expect(payments.filter((p) => p.outcome === 'gateway_down').every((p) => p.fail_attempts >= 4)).toBe(
      true,
    );
    const webhooks = actions.flatMap((a) =>
      a.kind === 'job' && a.type === 'webhook.deliver' ? [webhookArgsSchema.parse(a.args)[0]] : [],
    );
    expect(webhooks.some((w) => w.status >= 400 && w.status < 500)).toBe(true);
    expect(webhooks.some((w) => w.fail_attempts > 0 && w.status === 200)).toBe(true);
  });

  it('uses at least five queues with different priorities', () => {
    const actions = take(3, 3000);
    const priorities = new Map<string, number>();
    for (const a of actions) {
      const opts = a.kind === 'job' ? [a.options] : [];
      for (const o of opts) priorities.set(o.queue ?? 'default', o.priority ?? 0);
    }
    expect(priorities.size).toBeGreaterThanOrEqual(5);
    expect(new Set(priorities.values()).size).toBeGreaterThanOrEqual(3);
  });

  it('plans visiting workers that join in order and leave after joining, scaled by timeScale', () => {
    const s = createDemoScenario({ seed: 5, rate: 1, timeScale: 0.01 });
    const visits = Array.from({ length: 20 }, () => s.nextVisit());
    expect(new Set(visits.map((v) => v.workerId)).size).toBe(20);
    for (const [i, v] of visits.entries()) {
      expect(v.leaveAtMs).toBeGreaterThan(v.joinAtMs);
      if (i > 0) expect(v.joinAtMs).toBeGreaterThanOrEqual(visits[i - 1]?.joinAtMs ?? 0);
    }
    // 20 visits of 20-60 s spacing, 100x faster: well under a minute
    expect(visits[19]?.joinAtMs).toBeLessThan(20 * 600 + 1);
    const again = createDemoScenario({ seed: 5, rate: 1, timeScale: 0.01 });
    expect(Array.from({ length: 20 }, () => again.nextVisit())).toEqual(visits);
  });

  it('rejects a non-positive rate or time scale', () => {
    expect(() => createDemoScenario({ seed: 1, rate: 0 })).toThrow(RangeError);
    expect(() => createDemoScenario({ seed: 1, rate: 1, timeScale: 0 })).toThrow(RangeError);
  });
});
