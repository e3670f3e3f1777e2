import { describe, expect, it } from 'vitest';
import { createIpMatcher } from './createIpMatcher';

describe('createIpMatcher', () => {
  it('matches single addresses and CIDR blocks of both families', () => {
    const m = createIpMatcher('10.0.0.0/8, 192.168.1.7, ::1, fd00::/8');
    expect(m.matches('10.20.30.40')).toBe(true);
    expect(m.matches('::ffff:10.1.2.3')).toBe(true);
    expect(m.matches('192.168.1.7')).toBe(true);
    expect(m.matches('192.168.1.8')).toBe(false);
    expect(m.matches('::1')).toBe(true);
    expect(m.matches('fd12::5')).toBe(true);
    expect(m.matches('fe80::1')).toBe(false);
    expect(m.matches(undefined)).toBe(false);
    expect(m.matches('not-an-ip')).toBe(false);
  });

  it('names a bad entry', () => {
    expect(() => createIpMatcher('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => createIpMatcher('proxy.local')).toThrow(/proxy\.local/);
  });
});
