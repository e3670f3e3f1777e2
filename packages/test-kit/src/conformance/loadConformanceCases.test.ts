import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXT_LEVEL } from './conformanceCase';
import {
  ConformanceLoadError,
  defaultSuitesDir,
  loadConformanceCases,
  loadConformanceCasesSync,
  resolveSuitesDir,
} from './loadConformanceCases';

const root = mkdtempSync(path.join(tmpdir(), 'ojs-suites-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, json: unknown) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
}

const step = { id: 'step-1', action: 'GET', path: '/ojs/v1/health', assertions: { status: 200 } };
write('level-0-core/b/second.json', {
  test_id: 'L0-X-002',
  level: 0,
  category: 'b',
  name: 'second',
  steps: [step],
});
write('level-0-core/a/first.json', {
  test_id: 'L0-X-001',
  level: 0,
  category: 'a',
  name: 'first',
  steps: [step],
});
write('level-0-core/a/dup.json', {
  test_id: 'L0-X-002',
  level: 0,
  category: 'a',
  name: 'dup',
  steps: [step],
});
write('level-0-core/readme.md', 'not a case');
write('ext-thing/x.json', {
  test_id: 'EXT-X-001',
  level: 'ext',
  category: 'x',
  name: 'x',
  setup: [{ id: 's', action: 'WAIT', duration_ms: 5 }],
  steps: [
    { id: 'p1', action: 'GET', path: '/a', delay_ms: 100, parallel_with: 'p2' },
    { id: 'p2', action: 'GET', path: '/b', delay_ms: 300, parallel_with: 'p1' },
    { id: 'w', action: 'WAIT', delay_ms: 50 },
  ],
});

describe('resolveSuitesDir', () => {
  test('uses OJS_CONFORMANCE_SUITES when set, and says where to get the suites when absent', () => {
    expect(resolveSuitesDir({ OJS_CONFORMANCE_SUITES: root })).toMatchObject({ dir: root, candidate: root });
    const missing = path.join(root, 'nope');
    expect(resolveSuitesDir({ OJS_CONFORMANCE_SUITES: missing })).toEqual({
      dir: null,
      candidate: missing,
      hint: `OJS conformance suites not found at ${missing}; get them from github.com/openjobspec/ojs-conformance and set OJS_CONFORMANCE_SUITES`,
    });
  });

  test('defaults to ../shared/ojs-conformance/suites beside the repository', () => {
    expect(resolveSuitesDir({}).candidate).toBe(defaultSuitesDir());
    expect(defaultSuitesDir()).toMatch(/[/\\]shared[/\\]ojs-conformance[/\\]suites$/);
  });
});

describe('loadConformanceCases', () => {
  test('loads suites recursively, sorted by test_id then file', async () => {
    const cases = await loadConformanceCases({ dir: root, suites: ['level-0-core', 'ext-thing'] });
    expect(cases.map((c) => [c.testId, c.file])).toEqual([
      ['EXT-X-001', 'ext-thing/x.json'],
      ['L0-X-001', 'level-0-core/a/first.json'],
      ['L0-X-002', 'level-0-core/a/dup.json'],
      ['L0-X-002', 'level-0-core/b/second.json'],
    ]);
    expect(cases.map((c) => c.suite)).toEqual(['ext-thing', 'level-0-core', 'level-0-core', 'level-0-core']);
  });

  test('normalises levels, setup lists and declared waits', () => {
    const [ext] = loadConformanceCasesSync({ dir: root, suites: ['ext-thing'] });
    expect(ext?.level).toBe(EXT_LEVEL);
    expect(ext?.setup.map((s) => s.id)).toEqual(['s']);
    // setup 5 + parallel group max(100, 300) + WAIT 50
    expect(ext?.declaredWaitMs).toBe(355);
    expect(ext?.steps[0]?.parallelWith).toEqual(['p2']);
  });

  test('filters', () => {
    const cases = loadConformanceCasesSync({
      dir: root,
      suites: ['level-0-core'],
      filter: (c) => c.category === 'a',
    });
    expect(cases.map((c) => c.name)).toEqual(['first', 'dup']);
  });

  test('an unknown suite is an error that lists what exists', async () => {
    await expect(loadConformanceCases({ dir: root, suites: ['level-9'] })).rejects.toThrow(
      ConformanceLoadError,
    );
    expect(() => loadConformanceCasesSync({ dir: root, suites: ['level-9'] })).toThrow(
      /level-9: no such directory\n {2}available: ext-thing, level-0-core/,
    );
  });

  test('malformed files are named, all at once', () => {
    write('broken/a.json', '{ not json');
    write('broken/b.json', { level: 0, steps: [] });
    try {
      loadConformanceCasesSync({ dir: root, suites: ['broken'] });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConformanceLoadError);
      const problems = (err as ConformanceLoadError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^broken\/a\.json: /);
      expect(problems[1]).toMatch(/^broken\/b\.json: .*test_id/);
    }
  });
});

describe.skipIf(!resolveSuitesDir().dir)('the real suites', () => {
  const dir = resolveSuitesDir().dir ?? '';
  test('every case of the named suites loads, and only the SDK-style dialect is unsupported', () => {
    const suites = [
      'level-0-core',
      'level-1-reliable',
      'level-2-scheduled',
      'level-3-workflows',
      'level-4-advanced',
      'ext-admin-api',
      'ext-dead-letter',
      'ext-graceful-shutdown',
      'ext-backpressure',
      'ext-progress',
      'ext-rate-limiting',
    ];
    const cases = loadConformanceCasesSync({ dir, suites });
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.unsupported.length > 0).map((c) => c.testId)).toEqual([]);
    expect(cases.flatMap((c) => c.steps.flatMap((s) => s.assertions?.unknownKeys ?? []))).toEqual([]);
    const cron = cases.find((c) => c.testId === 'L2-CRON-005');
    expect(cron?.declaredWaitMs).toBeGreaterThanOrEqual(130_000);
  });
});
