import { describe, expect, it } from 'vitest';
import { framesPerSecond, interactionToNextPaint, largestContentfulPaint, median } from './webVitals';

describe('web vitals helpers', () => {
  it('takes the worst interaction below 50 interactions', () => {
    expect(interactionToNextPaint([24, 120, 48])).toBe(120);
    expect(interactionToNextPaint([])).toBeNaN();
  });

  it('skips one of the worst for every 50 interactions', () => {
    const durations = [...Array.from({ length: 98 }, () => 16), 400, 300];
    expect(interactionToNextPaint(durations)).toBe(16);
    expect(interactionToNextPaint([...Array.from({ length: 49 }, () => 16), 400])).toBe(16);
    expect(interactionToNextPaint([...Array.from({ length: 47 }, () => 16), 400, 200])).toBe(400);
    expect(interactionToNextPaint([...Array.from({ length: 48 }, () => 16), 400, 200])).toBe(200);
  });

  it('reads the last LCP candidate', () => {
    expect(largestContentfulPaint([{ t: 100 }, { t: 350 }])).toBe(350);
    expect(largestContentfulPaint([])).toBeNaN();
  });

  it('computes frames per second and medians', () => {
    expect(framesPerSecond(300, 5000)).toBe(60);
    expect(framesPerSecond(10, 0)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
