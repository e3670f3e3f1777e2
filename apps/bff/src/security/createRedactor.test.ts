import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './createRedactor';

describe('createRedactor', () => {
  const r = createRedactor();

  it('hides matching keys at any depth, case-insensitively, and leaves the input alone', () => {
    const input = {
      user: 'ann',
      Password: 'p',
      nested: [{ api_key: 'k', card: { number: '4111' }, keep: 1 }],
      meta: { AUTHORIZATION: 'Bearer x', note: 'token is a word here' },
    };
    const out = r.redact(input);
    expect(out.redacted).toBe(true);
    expect(out.value).toEqual({
      user: 'ann',
      Password: REDACTED,
      nested: [{ api_key: REDACTED, card: REDACTED, keep: 1 }],
      meta: { AUTHORIZATION: REDACTED, note: 'token is a word here' },
    });
    expect(input.Password).toBe('p');
  });

  it('reports when nothing was hidden', () => {
    expect(r.redact({ a: [1, 'x'], b: null })).toEqual({ value: { a: [1, 'x'], b: null }, redacted: false });
    expect(r.redact('password')).toEqual({ value: 'password', redacted: false });
  });

  it('takes a custom pattern', () => {
    const custom = createRedactor('^iban$');
    expect(custom.redact({ iban: 'DE1', password: 'p' }).value).toEqual({ iban: REDACTED, password: 'p' });
  });

  it('redacts compact JSON text, including text cut short', () => {
    expect(r.redactJsonText('[{"to":"a@b","password":"hunter2","n":1}]')).toEqual({
      text: `[{"to":"a@b","password":"${REDACTED}","n":1}]`,
      redacted: true,
    });
    expect(r.redactJsonText('[{"token":{"a":[1,"]"]},"x":2}]').text).toBe(`[{"token":"${REDACTED}","x":2}]`);
    expect(r.redactJsonText('[{"secret":"abcdef…').text).toBe(`[{"secret":"${REDACTED}"`);
    expect(r.redactJsonText('["password","x"]')).toEqual({ text: '["password","x"]', redacted: false });
    expect(r.redactJsonText('[{"a":{"card":123}}]').text).toBe(`[{"a":{"card":"${REDACTED}"}}]`);
  });
});
