import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnectDelay.model';

describe('reconnectDelay', () => {
  it('grows exponentially within [ceiling/2, ceiling] and caps', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
    expect(reconnectDelay(20, () => 0)).toBe(15_000);
  });
});
