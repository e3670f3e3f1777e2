import { describe, expect, test } from 'vitest';
import { type ConformanceCase, normalizeCase } from './conformanceCase';
import { type CaseResult } from './conformanceResult';
import { buildConformanceReport, formatCaseResult, runCasePool, summarizeResults } from './runConformance';

function result(
  level: number,
  suite: string,
  status: CaseResult['status'],
  testId = `T-${level}`,
): CaseResult {
  return {
    testId,
    name: 'n',
    level,
    category: 'c',
    suite,
    file: `${suite}/n.json`,
    status,
    durationMs: 0,
    failures: [],
    unchecked: [],
    steps: [],
  };
}

const meta = { target: 't', runAt: '2026-01-01T00:00:00.000Z', durationMs: 5 };

describe('buildConformanceReport', () => {
  test('totals, per-level totals and the summary line', () => {
    const report = buildConformanceReport(
      [
        result(0, 'level-0-core', 'passed'),
        result(0, 'level-0-core', 'skipped'),
        result(1, 'level-1-reliable', 'failed'),
        result(99, 'ext-admin-api', 'passed'),
      ],
      meta,
    );
    expect(report.summary).toBe('2 passed, 1 failed, 1 skipped');
    expect(report.totals).toEqual({ total: 4, passed: 2, failed: 1, skipped: 1 });
    expect(report.byLevel).toEqual({
      0: { total: 2, passed: 1, failed: 0, skipped: 1, allPass: true },
      1: { total: 1, passed: 0, failed: 1, skipped: 0, allPass: false },
      99: { total: 1, passed: 1, failed: 0, skipped: 0, allPass: true },
    });
    expect(report.conformantLevel).toBe(0);
    expect(report.conformant).toBe(false);
  });

  test('the conformant level counts the level-N suites only and skips levels not run', () => {
    const report = buildConformanceReport(
      [
        result(0, 'level-0-core', 'passed'),
        result(2, 'level-2-scheduled', 'passed'),
        result(0, 'ext-progress', 'failed'),
      ],
      meta,
    );
    expect(report.conformantLevel).toBe(2);
    expect(report.conformant).toBe(false);
    expect(buildConformanceReport([result(0, 'level-0-core', 'skipped')], meta).conformantLevel).toBe(-1);
  });

  test('summarizeResults and formatCaseResult', () => {
    expect(summarizeResults([])).toBe('0 passed, 0 failed, 0 skipped');
    const failed: CaseResult = {
      ...result(0, 'level-0-core', 'failed', 'L0-ENV-001'),
      failures: [
        {
          stepId: 'step-1',
          phase: 'steps',
          kind: 'body',
          path: '$.job.state',
          expected: 'available',
          actual: 'active',
          message: 'expected "available", got "active"',
          request: { method: 'POST', url: 'http://h/ojs/v1/jobs' },
          responseStatus: 201,
          bodyExcerpt: '{"job":{"state":"active"}}',
        },
      ],
      unchecked: [{ stepId: 'step-2', what: 'body_comment', reason: 'prose' }],
    };
    expect(formatCaseResult(failed)).toBe(
      [
        'L0-ENV-001 n (level-0-core/n.json): failed',
        '  [steps:step-1] body $.job.state: expected "available", got "active"',
        '    expected: "available"',
        '    actual:   "active"',
        '    request:  POST http://h/ojs/v1/jobs -> 201',
        '    body:     {"job":{"state":"active"}}',
        '  [unchecked step-2] body_comment: prose',
      ].join('\n'),
    );
  });
});

test('formatCaseResult prints the request and body once per exchange', () => {
  const failure = {
    stepId: 'step-2',
    phase: 'steps' as const,
    kind: 'body' as const,
    request: { method: 'GET', url: 'http://h/ojs/v1/admin/queues' },
    responseStatus: 404,
    bodyExcerpt: '{"error":{}}',
  };
  const text = formatCaseResult({
    ...result(99, 'ext-admin-api', 'failed'),
    failures: [
      {
        ...failure,
        kind: 'status',
        path: 'status',
        expected: 200,
        actual: 404,
        message: 'expected status 200, got 404',
      },
      { ...failure, path: '$.items', expected: { $type: 'array' }, message: 'missing' },
    ],
  });
  expect(text.match(/request:/g)).toHaveLength(1);
  expect(text.match(/body:/g)).toHaveLength(1);
  expect(text.split('\n').at(-1)).toBe('    body:     {"error":{}}');
});

describe('runCasePool', () => {
  function waitingCase(testId: string, wait: number): ConformanceCase {
    return normalizeCase(
      { test_id: testId, level: 0, steps: [{ id: 'w', action: 'WAIT', duration_ms: wait }] },
      { suite: 's', file: `s/${testId}.json` },
    );
  }

  test('starts the longest declared waits first, keeps input order in results, bounds concurrency', async () => {
    const cases = [waitingCase('A', 10), waitingCase('B', 500), waitingCase('C', 0), waitingCase('D', 200)];
    const started: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await runCasePool(cases, 2, async (c) => {
      started.push(c.testId);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return c.testId.toLowerCase();
    });
    expect(started).toEqual(['B', 'D', 'A', 'C']);
    expect(results).toEqual(['a', 'b', 'c', 'd']);
    expect(maxInFlight).toBe(2);
  });
});
