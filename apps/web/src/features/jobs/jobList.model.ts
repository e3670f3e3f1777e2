import type { JobSummary } from './jobSummary.mapper';

/** Pages (1-based) covering rows [first, last], plus one page of look-ahead on each side. */
export function pagesForRange(first: number, last: number, perPage: number, total: number): number[] {
  if (total <= 0 || last < first) return [1];
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const from = Math.max(1, Math.floor(first / perPage) + 1 - 1);
  const to = Math.min(lastPage, Math.floor(last / perPage) + 1 + 1);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  if (!pages.includes(1)) pages.unshift(1);
  return pages;
}

/** The row at `index`, if its page is loaded. */
export function rowAt(
  pages: ReadonlyMap<number, readonly JobSummary[]>,
  index: number,
  perPage: number,
): JobSummary | undefined {
  const page = Math.floor(index / perPage) + 1;
  return pages.get(page)?.[index % perPage];
}
