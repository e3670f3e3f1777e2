import { describe, expect, it } from 'vitest';
import { claimAt, mapRoles, parseRoleMap } from './mapRoles';

describe('mapRoles', () => {
  it('parses a role map and names a bad pair', () => {
    expect(parseRoleMap('lookout-admins=admin, ops=operator')).toEqual(
      new Map([
        ['lookout-admins', 'admin'],
        ['ops', 'operator'],
      ]),
    );
    expect(parseRoleMap('')).toBeNull();
    expect(() => parseRoleMap('ops=root')).toThrow(/ops=root/);
  });

  it('picks the strongest mapped role from arrays or comma lists', () => {
    const map = parseRoleMap('devs=viewer,ops=operator,lookout-admins=admin');
    expect(mapRoles(['devs', 'ops'], map)).toBe('operator');
    expect(mapRoles('devs, lookout-admins', map)).toBe('admin');
    expect(mapRoles(['admin'], map)).toBeNull();
    expect(mapRoles(['admin', 'viewer'], null)).toBe('admin');
    expect(mapRoles(42, null)).toBeNull();
  });

  it('reads dotted claim paths', () => {
    const claims = { realm_access: { roles: ['ops'] }, 'https://x.io/roles': ['admin'] };
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['ops']);
    expect(claimAt(claims, 'https://x.io/roles')).toEqual(['admin']);
    expect(claimAt(claims, 'missing.path')).toBeUndefined();
  });
});
