import { describe, expect, it } from 'vitest';
import {
  formatSelection,
  jobSearchSchema,
  parseSelection,
  sinceFor,
  splitSelectionKey,
  toggleSelected,
  toListFilter,
} from './jobFilter.model';

describe('job filters in the URL', () => {
  it('keeps valid params and drops invalid ones instead of failing the page', () => {
    const search = jobSearchSchema.parse({
      state: 'bogus',
      queue: 'email',
      sort: 'priority',
      order: 'sideways',
    });
    expect(search).toEqual({
      state: undefined,
      queue: 'email',
      sort: 'priority',
      order: undefined,
      cluster: undefined,
      type: undefined,
      since: undefined,
      until: undefined,
      q: undefined,
      sel: undefined,
    });
  });

  it('builds the API filter with defaults and a trimmed query', () => {
    expect(toListFilter({ queue: 'email', q: '  type:a  ' })).toEqual({
      queue: 'email',
      q: 'type:a',
      sort: 'created_at',
      order: 'desc',
    });
    expect(toListFilter({ q: '   ' })).toEqual({ sort: 'created_at', order: 'desc' });
  });

  it('resolves relative time ranges', () => {
    expect(sinceFor('1h', new Date('2026-01-01T12:00:00Z'))).toBe('2026-01-01T11:00:00.000Z');
    expect(sinceFor('nope', new Date())).toBeUndefined();
  });

  it('encodes selections compactly and round-trips them', () => {
    let selection = parseSelection(undefined);
    selection = toggleSelected(selection, 'local:a');
    selection = toggleSelected(selection, 'local:b');
    selection = toggleSelected(selection, 'local:a');
    expect(formatSelection(selection)).toBe('local:b');
    expect(parseSelection('all')).toEqual({ kind: 'all' });
    expect(formatSelection({ kind: 'some', ids: new Set() })).toBeUndefined();
    expect(splitSelectionKey('c1:019a-x:y')).toEqual({ cluster: 'c1', id: '019a-x:y' });
  });
});
