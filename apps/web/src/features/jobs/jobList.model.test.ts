import { describe, expect, it } from 'vitest';
import { pagesForRange, rowAt } from './jobList.model';

describe('pagesForRange', () => {
  it('covers the visible rows with one page of look-ahead each way and always page 1', () => {
    expect(pagesForRange(0, 30, 200, 100_000)).toEqual([1, 2]);
    expect(pagesForRange(50_000, 50_030, 200, 100_000)).toEqual([1, 250, 251, 252]);
    expect(pagesForRange(99_990, 99_999, 200, 100_000)).toEqual([1, 499, 500]);
  });
  it('asks for page 1 when empty', () => {
    expect(pagesForRange(0, -1, 200, 0)).toEqual([1]);
  });
});

describe('rowAt', () => {
  it('finds a row in its page', () => {
    const row = { id: 'x' } as never;
    const pages = new Map([[3, [row, row]]]);
    expect(rowAt(pages, 401, 200)).toBe(row);
    expect(rowAt(pages, 0, 200)).toBeUndefined();
  });
});
