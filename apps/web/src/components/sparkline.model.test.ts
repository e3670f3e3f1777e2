import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.model';

describe('sparklinePath', () => {
  it('scales values into the box', () => {
    expect(sparklinePath([0, 10], 12, 12)).toBe('M1.0,11.0 L11.0,1.0');
  });
  it('draws a flat line for constant values and nothing for one point', () => {
    expect(sparklinePath([5, 5, 5], 12, 12)).toBe('M1.0,11.0 L6.0,11.0 L11.0,11.0');
    expect(sparklinePath([5], 12, 12)).toBe('');
  });
});
