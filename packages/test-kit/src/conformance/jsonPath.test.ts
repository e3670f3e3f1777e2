import { describe, expect, test } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath, resolveJsonPath } from './jsonPath';

const doc = {
  job: { id: 'j1', state: 'active', args: ['a', 42, { nested: { deep: true } }], meta: { 'dotted.key': 1 } },
  jobs: [
    { id: 'a', state: 'available', priority: 5, tags: ['x'] },
    { id: 'b', state: 'active', priority: 10 },
    { id: 'c', state: 'active', priority: 42, tags: ['y', 'z'] },
  ],
  matrix: [
    [1, 2],
    [3, [4, 5]],
  ],
  nothing: null,
};

describe('parseJsonPath', () => {
  test('parses dots, indices, wildcards, filters and quoted members', () => {
    expect(parseJsonPath('$.job.args[2].nested')).toEqual([
      { kind: 'key', key: 'job' },
      { kind: 'key', key: 'args' },
      { kind: 'index', index: 2 },
      { kind: 'key', key: 'nested' },
    ]);
    expect(parseJsonPath('$.jobs[*].id')).toEqual([
      { kind: 'key', key: 'jobs' },
      { kind: 'wildcard' },
      { kind: 'key', key: 'id' },
    ]);
    expect(parseJsonPath("$.jobs[?(@.state=='active')].id")).toEqual([
      { kind: 'key', key: 'jobs' },
      { kind: 'filter', key: 'state', value: 'active' },
      { kind: 'key', key: 'id' },
    ]);
    expect(parseJsonPath("$.job.meta['dotted.key']")).toEqual([
      { kind: 'key', key: 'job' },
      { kind: 'key', key: 'meta' },
      { kind: 'key', key: 'dotted.key' },
    ]);
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('jobs[0].id')).toEqual([
      { kind: 'key', key: 'jobs' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'id' },
    ]);
  });

  test('rejects what the subset does not cover', () => {
    expect(() => parseJsonPath('$.jobs[?(@.priority>5)]')).toThrow(JsonPathSyntaxError);
    expect(() => parseJsonPath('$.jobs[0')).toThrow(/unclosed/);
    expect(() => parseJsonPath('$.a..b')).toThrow(/empty member/);
    expect(() => parseJsonPath('$.a.')).toThrow(/ends with/);
  });
});

describe('resolveJsonPath', () => {
  test('follows members and indices, chained', () => {
    expect(resolveJsonPath(doc, '$.job.id')).toEqual({ found: true, value: 'j1' });
    expect(resolveJsonPath(doc, '$.job.args[1]')).toEqual({ found: true, value: 42 });
    expect(resolveJsonPath(doc, '$.job.args[2].nested.deep')).toEqual({ found: true, value: true });
    expect(resolveJsonPath(doc, '$.matrix[1][1][0]')).toEqual({ found: true, value: 4 });
    expect(resolveJsonPath(doc, "$.job.meta['dotted.key']")).toEqual({ found: true, value: 1 });
    expect(resolveJsonPath(doc, '$')).toEqual({ found: true, value: doc });
  });

  test('tells a missing value from a null one', () => {
    expect(resolveJsonPath(doc, '$.nothing')).toEqual({ found: true, value: null });
    expect(resolveJsonPath(doc, '$.job.missing')).toEqual({ found: false, value: undefined });
    expect(resolveJsonPath(doc, '$.jobs[3].id')).toEqual({ found: false, value: undefined });
    expect(resolveJsonPath(doc, '$.job.id.deeper')).toEqual({ found: false, value: undefined });
    expect(resolveJsonPath(undefined, '$.job')).toEqual({ found: false, value: undefined });
  });

  test('a wildcard flattens and skips elements that do not resolve', () => {
    expect(resolveJsonPath(doc, '$.jobs[*].id').value).toEqual(['a', 'b', 'c']);
    expect(resolveJsonPath(doc, '$.jobs[*].tags').value).toEqual([['x'], ['y', 'z']]);
    expect(resolveJsonPath(doc, '$.jobs[*].missing')).toEqual({ found: true, value: [] });
  });

  test('a filter selects the first match, comparing in Go %v form', () => {
    expect(resolveJsonPath(doc, "$.jobs[?(@.state=='active')].id").value).toBe('b');
    expect(resolveJsonPath(doc, '$.jobs[?(@.priority==42)].id').value).toBe('c');
    expect(resolveJsonPath(doc, '$.jobs[?(@.priority=="10")].id').value).toBe('b');
    expect(resolveJsonPath(doc, "$.jobs[?(@.state=='gone')]").found).toBe(false);
  });
});
