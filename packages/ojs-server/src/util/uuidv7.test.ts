import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuidv7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('produces lowercase RFC 9562 version 7 ids', () => {
    for (let i = 0; i < 1000; i++) expect(uuidv7()).toMatch(V7);
  });

  it('encodes the timestamp in the first 48 bits', () => {
    const ms = Date.UTC(2030, 4, 6, 7, 8, 9, 123);
    const id = uuidv7(ms);
    const hex = id.replace(/-/g, '').slice(0, 12);
    expect(Number.parseInt(hex, 16)).toBe(ms);
  });

  it('is strictly increasing within one millisecond and when the clock goes back', () => {
    const ms = Date.UTC(2031, 0, 1);
    const ids = [uuidv7(ms), uuidv7(ms), uuidv7(ms), uuidv7(ms - 5), uuidv7(ms)];
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
