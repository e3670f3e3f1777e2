import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from './passwordHash';

const FAST = { N: 1024, r: 8, p: 1 };

describe('passwordHash', () => {
  it('hashes with a fresh salt and verifies', async () => {
    const a = await hashPassword('correct horse', FAST);
    const b = await hashPassword('correct horse', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[^$]+\$[^$]+$/);
    expect(a).not.toBe(b);
    expect(isPasswordHash(a)).toBe(true);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('uses the default cost parameters', async () => {
    const hash = await hashPassword('pw');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('pw', hash)).toBe(true);
  });

  it('rejects malformed hashes and absurd parameters', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(isPasswordHash('scrypt$1000$8$1$c2FsdA==$aGFzaA==')).toBe(false);
    expect(isPasswordHash('scrypt$4194304$8$1$c2FsdA==$aGFzaA==')).toBe(false);
  });
});
