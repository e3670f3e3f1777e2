import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNIQUE_STATES,
  resolveUniquePolicy,
  uniqueFingerprint,
  uniquePolicyInputSchema,
} from './unique';

const resolve = (input: unknown) => resolveUniquePolicy(uniquePolicyInputSchema.parse(input));

describe('unique policy', () => {
  it('defaults: keys [type], default states, reject', () => {
    const p = resolve({});
    expect(p).toMatchObject({ keys: ['type'], states: [...DEFAULT_UNIQUE_STATES], onConflict: 'reject' });
    expect(p.periodMs).toBeUndefined();
  });
  it('always includes type and reads period, states and use_existing', () => {
    const p = resolve({
      keys: ['args'],
      period: 'PT2S',
      states: ['available', 'active'],
      on_conflict: 'use_existing',
    });
    expect(p).toMatchObject({
      keys: ['type', 'args'],
      periodMs: 2000,
      states: ['available', 'active'],
      onConflict: 'ignore',
    });
    expect(p.wire).toEqual({
      keys: ['type', 'args'],
      period: 'PT2S',
      states: ['available', 'active'],
      on_conflict: 'ignore',
    });
  });
  it("reads core's key: [arg fields] as args_keys", () => {
    expect(resolve({ key: ['user_id'] })).toMatchObject({ keys: ['type', 'args'], argsKeys: ['user_id'] });
  });
  it('rejects unknown states and actions', () => {
    expect(uniquePolicyInputSchema.safeParse({ states: ['done'] }).success).toBe(false);
    expect(uniquePolicyInputSchema.safeParse({ on_conflict: 'merge' }).success).toBe(false);
  });
  it('fingerprints are canonical and respect the chosen keys', () => {
    const p = resolve({ keys: ['type', 'args'] });
    const a = uniqueFingerprint(p, { type: 't', queue: 'q1', args: [{ b: 1, a: 2 }], meta: {} });
    const b = uniqueFingerprint(p, { type: 't', queue: 'q2', args: [{ a: 2, b: 1 }], meta: { x: 1 } });
    const c = uniqueFingerprint(p, { type: 't', queue: 'q1', args: [{ a: 3, b: 1 }], meta: {} });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    const byField = resolve({ args_keys: ['a'] });
    expect(uniqueFingerprint(byField, { type: 't', queue: 'q', args: [{ a: 1, b: 1 }], meta: {} })).toBe(
      uniqueFingerprint(byField, { type: 't', queue: 'q', args: [{ a: 1, b: 2 }], meta: {} }),
    );
  });
});
