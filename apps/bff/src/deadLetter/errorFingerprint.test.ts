import { describe, expect, it } from 'vitest';
import { errorFingerprint, isFingerprint, normalizeErrorMessage } from './errorFingerprint';

describe('normalizeErrorMessage', () => {
  it.each([
    ['user 42 not found', 'user <n> not found'],
    ['timed out after 3000ms', 'timed out after <n>ms'],
    ['job 019a2b3c-0000-7000-8000-00000000abcd failed', 'job <uuid> failed'],
    ['connect ECONNREFUSED 10.0.0.5:5432', 'connect ECONNREFUSED <ip>'],
    ['GET https://api.example.com/v1/users/9?x=1 returned 503', 'GET <url> returned <n>'],
    ['no mailbox for "bob@example.com"', 'no mailbox for "<str>"'],
    ['bounce from alice@example.org', 'bounce from <email>'],
    ['charge declined at 2026-03-01T10:00:00Z', 'charge declined at <time>'],
    ['object deadbeefcafebabe1234 missing', 'object <hex> missing'],
    ['request req_01hx9k2mzq failed', 'request <id> failed'],
    ['card declined for inv_0000ik', 'card declined for <id>'],
    ['payment gateway timed out charging inv_0000qm', 'payment gateway timed out charging <id>'],
    ['thumbnail img-197694 too large', 'thumbnail <id> too large'],
    ['session a1b2c3d4e5 expired', 'session <id> expired'],
    ['decode base64 payload as utf8', 'decode base64 payload as utf8'],
    ['  many   spaces\n here ', 'many spaces here'],
    ['SMTP relay refused the message', 'SMTP relay refused the message'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeErrorMessage(input)).toBe(expected);
  });

  it('caps the length', () => {
    expect(normalizeErrorMessage('x'.repeat(1000)).length).toBeLessThanOrEqual(301);
  });
});

describe('errorFingerprint', () => {
  it('groups messages that differ only in variable parts', () => {
    const a = errorFingerprint({
      jobType: 'payment.charge',
      code: 'card_declined',
      message: 'card 4242 declined',
    });
    const b = errorFingerprint({
      jobType: 'payment.charge',
      code: 'CARD_DECLINED',
      message: 'card 1111 declined',
    });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a).toMatchObject({ type: 'payment.charge', code: 'card_declined', message: 'card <n> declined' });
    expect(isFingerprint(a.fingerprint)).toBe(true);
  });

  it('separates different types, codes and messages', () => {
    const base = { jobType: 'a.b', code: 'x', message: 'boom' };
    const fp = errorFingerprint(base).fingerprint;
    expect(errorFingerprint({ ...base, jobType: 'a.c' }).fingerprint).not.toBe(fp);
    expect(errorFingerprint({ ...base, code: 'y' }).fingerprint).not.toBe(fp);
    expect(errorFingerprint({ ...base, message: 'bang' }).fingerprint).not.toBe(fp);
  });

  it('handles missing code and message', () => {
    const f = errorFingerprint({ jobType: 'a.b' });
    expect(f.code).toBe('unknown');
    expect(f.message).toBe('');
    expect(f.fingerprint).toBe(errorFingerprint({ jobType: 'a.b', code: null, message: null }).fingerprint);
  });

  it('is stable (a stored fingerprint keeps working across releases)', () => {
    expect(
      errorFingerprint({ jobType: 'email.send', code: 'timeout', message: 'took 30s' }).fingerprint,
    ).toBe(errorFingerprint({ jobType: 'email.send', code: 'timeout', message: 'took 31s' }).fingerprint);
    expect(errorFingerprint({ jobType: 'x', code: 'y', message: 'z' }).fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});
