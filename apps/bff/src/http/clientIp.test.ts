import { describe, expect, it } from 'vitest';
import { createIpMatcher } from '../security/createIpMatcher';
import { resolveClientAddress } from './clientIp';

describe('resolveClientAddress', () => {
  const trusted = createIpMatcher('10.0.0.0/8');

  it('believes X-Forwarded-For only from a trusted peer', () => {
    expect(resolveClientAddress('10.1.1.1', '203.0.113.9', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('198.51.100.7', '203.0.113.9', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.1.1.1', undefined, trusted)).toBe('10.1.1.1');
    expect(resolveClientAddress('10.1.1.1', '203.0.113.9', null)).toBe('10.1.1.1');
  });

  it('takes the right-most untrusted hop (the left part is client-supplied)', () => {
    expect(resolveClientAddress('10.1.1.1', '1.2.3.4, 203.0.113.9, 10.2.2.2', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.1.1.1', 'junk, ::ffff:203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.1.1.1', '10.3.3.3', trusted)).toBe('10.3.3.3');
    expect(resolveClientAddress(null, '203.0.113.9', trusted)).toBeNull();
  });
});
