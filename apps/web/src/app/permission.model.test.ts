import { describe, expect, it } from 'vitest';
import { effectiveRole, permission, type Caller } from './permission.model';

const caller = (over: Partial<Caller>): Caller => ({
  role: 'operator',
  readOnly: false,
  authMode: 'basic',
  ...over,
});

describe('permission', () => {
  it('allows a role at or above the one needed', () => {
    expect(permission(caller({ role: 'operator' }), 'operator')).toEqual({ allowed: true });
    expect(permission(caller({ role: 'admin' }), 'operator')).toEqual({ allowed: true });
  });

  it('names the missing role', () => {
    expect(permission(caller({ role: 'viewer' }), 'operator')).toEqual({
      allowed: false,
      reason: 'needs the operator role',
    });
    expect(permission(caller({ role: 'operator' }), 'admin', false)).toEqual({
      allowed: false,
      reason: 'needs the admin role',
    });
  });

  it('refuses writes in read-only mode, but not reads', () => {
    expect(permission(caller({ role: 'admin', readOnly: true }), 'operator')).toEqual({
      allowed: false,
      reason: 'Lookout is read-only',
    });
    expect(permission(caller({ role: 'admin', readOnly: true }), 'admin', false)).toEqual({ allowed: true });
  });

  it('reports the role first when both apply', () => {
    expect(permission(caller({ role: 'viewer', readOnly: true }), 'operator')).toEqual({
      allowed: false,
      reason: 'needs the operator role',
    });
  });

  it('treats the caller of a sign-in-free Lookout as a local admin', () => {
    expect(effectiveRole(caller({ role: undefined, authMode: 'none' }))).toBe('admin');
    expect(permission(caller({ role: undefined, authMode: 'none' }), 'admin')).toEqual({ allowed: true });
  });

  it('refuses an anonymous caller when sign-in is on', () => {
    expect(permission(caller({ role: undefined, authMode: 'oidc' }), 'operator')).toEqual({
      allowed: false,
      reason: 'sign in first',
    });
  });

  it('leaves controls usable while the session is unknown', () => {
    expect(permission(undefined, 'admin')).toEqual({ allowed: true });
  });
});
