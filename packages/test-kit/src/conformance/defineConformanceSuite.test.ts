import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { serveFetchHandler } from '../serveFetchHandler';
import { type ConformanceCase, normalizeCase } from './conformanceCase';
import { type CaseResult } from './conformanceResult';
import { resolveSuitesDir } from './loadConformanceCases';
import {
  caseTitles,
  defineConformanceSuite,
  expectedFailureReason,
  judgeCaseResult,
} from './defineConformanceSuite';
import { createMiniOjsApp } from './testing/miniOjsApp';

const reportDir = mkdtempSync(path.join(tmpdir(), 'conformance-report-'));
const reportFile = path.join(reportDir, 'report.json');

// The helper in use: real cases, one fresh in-process HTTP server per case, three at a time. The mini server
// has no manifest endpoint, so L0-OPS-019 manifest-endpoint is listed as an expected failure and passes.
defineConformanceSuite({
  title: 'defineConformanceSuite on real cases',
  suites: ['level-0-core', 'ext-admin-api'],
  filter: (c) =>
    ['L0-ENV-001', 'L0-OPS-008', 'L0-OPS-032', 'EXT-ADM-004'].includes(c.testId) ||
    (c.testId === 'L0-OPS-019' && c.name === 'manifest-endpoint'),
  target: () => serveFetchHandler(createMiniOjsApp().app.fetch),
  concurrency: 3,
  expectedFailures: { 'L0-OPS-019 manifest-endpoint': 'the test fixture serves no manifest' },
  reportFile,
  reportFormat: 'reference',
});

// Runs after the blocks above: the report of the cases that ran was written in the reference format.
afterAll(() => {
  try {
    if (!resolveSuitesDir().dir) return;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      results: { total: number; passed: number; failed: number };
      failures?: { test_id: string }[];
    };
    // With `vitest -t` only some cases run; whatever ran is in the report, and only the expected one failed.
    expect(report.results.total).toBeGreaterThan(0);
    expect(report.results.passed + report.results.failed).toBe(report.results.total);
    expect((report.failures ?? []).map((f) => f.test_id).filter((id) => id !== 'L0-OPS-019')).toEqual([]);
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
});

// Without the suites the block is skipped with the hint as the test title.
defineConformanceSuite({
  title: 'defineConformanceSuite without suites',
  dir: path.join(import.meta.dirname, 'no-such-suites-dir'),
  suites: ['level-0-core'],
  target: () => serveFetchHandler(createMiniOjsApp().app.fetch),
});

function makeCase(testId: string, name: string, file = `s/${name}.json`): ConformanceCase {
  return normalizeCase({ test_id: testId, level: 0, name, steps: [] }, { suite: 's', file });
}

function result(status: CaseResult['status'], extra: Partial<CaseResult> = {}): CaseResult {
  return {
    testId: 'L0-X-001',
    name: 'x',
    level: 0,
    category: 'c',
    suite: 's',
    file: 's/x.json',
    status,
    durationMs: 1,
    failures:
      status === 'failed'
        ? [
            {
              stepId: 'step-1',
              phase: 'steps',
              kind: 'status',
              path: 'status',
              expected: 201,
              actual: 200,
              message: 'expected status 201, got 200',
            },
          ]
        : [],
    unchecked: [],
    steps: [],
    ...extra,
  };
}

describe('judgeCaseResult', () => {
  test('passes, fails with the formatted failure, skips with the reason', () => {
    expect(judgeCaseResult(result('passed'), undefined)).toEqual({ outcome: 'pass', notes: [] });
    const failed = judgeCaseResult(result('failed'), undefined);
    expect(failed.outcome).toBe('fail');
    expect(failed.outcome === 'fail' && failed.message).toContain(
      '[steps:step-1] status status: expected status 201, got 200',
    );
    expect(judgeCaseResult(result('skipped', { skipReason: 'why' }), undefined)).toEqual({
      outcome: 'skip',
      reason: 'why',
      notes: [],
    });
  });

  test('an expected failure that fails is accepted; one that passes fails the test', () => {
    const accepted = judgeCaseResult(result('failed'), 'suite bug');
    expect(accepted.outcome).toBe('expected-failure');
    expect(accepted.outcome === 'expected-failure' && accepted.message).toMatch(
      /^expected failure: suite bug\n/,
    );
    expect(judgeCaseResult(result('passed'), 'suite bug')).toEqual({
      outcome: 'fail',
      message: 'L0-X-001 x is listed in expectedFailures ("suite bug") but passed: remove it from the list',
      notes: [],
    });
  });

  test('unchecked assertions become notes', () => {
    const verdict = judgeCaseResult(
      result('passed', { unchecked: [{ stepId: 'step-2', what: 'ASSERT', reason: 'no checkable form' }] }),
      undefined,
    );
    expect(verdict.notes).toEqual(['not checked: step step-2 ASSERT: no checkable form']);
  });
});

describe('expected failure keys and titles', () => {
  test('a case is listed by test_id, by "<test_id> <name>", or by file', () => {
    const c = makeCase('L0-OPS-019', 'manifest-endpoint', 'level-0-core/operations/manifest-endpoint.json');
    expect(expectedFailureReason(c, { 'L0-OPS-019': 'a' })).toBe('a');
    expect(expectedFailureReason(c, { 'L0-OPS-019 manifest-endpoint': 'b' })).toBe('b');
    expect(expectedFailureReason(c, { 'level-0-core/operations/manifest-endpoint.json': 'c' })).toBe('c');
    expect(expectedFailureReason(c, { 'L0-OPS-019 info-nonexistent-job': 'd' })).toBeUndefined();
    expect(expectedFailureReason(c, undefined)).toBeUndefined();
  });

  test('titles are "<test_id> <name>", disambiguated by file when they collide', () => {
    expect(
      caseTitles([makeCase('A', 'x', 'a/x.json'), makeCase('A', 'x', 'b/x.json'), makeCase('B', 'y')]),
    ).toEqual(['A x (a/x.json)', 'A x (b/x.json)', 'B y']);
  });
});
