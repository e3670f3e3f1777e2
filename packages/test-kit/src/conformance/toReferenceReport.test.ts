import { expect, test } from 'vitest';
import { type CaseResult } from './conformanceResult';
import { buildConformanceReport } from './runConformance';
import { toReferenceReport } from './toReferenceReport';

const base = {
  name: 'n',
  level: 0,
  category: 'c',
  suite: 'level-0-core',
  durationMs: 3,
  unchecked: [],
  steps: [],
};

test('a report converts to the reference runner JSON shape', () => {
  const results: CaseResult[] = [
    { ...base, testId: 'L0-A-001', file: 'level-0-core/a.json', status: 'passed', failures: [] },
    {
      ...base,
      testId: 'L0-A-002',
      file: 'level-0-core/b.json',
      status: 'failed',
      failures: [
        {
          stepId: 'step-1',
          phase: 'steps',
          kind: 'status',
          path: 'status',
          expected: 201,
          actual: 400,
          message: 'expected status 201, got 400',
        },
        {
          stepId: 'step-1',
          phase: 'steps',
          kind: 'header',
          path: 'OJS-Version',
          expected: '1.0',
          message: 'header OJS-Version: missing',
        },
        {
          stepId: 'step-1',
          phase: 'steps',
          kind: 'body',
          path: '$.job',
          expected: { $exists: true },
          message: 'missing',
        },
      ],
    },
    {
      ...base,
      testId: 'L0-A-003',
      file: 'level-0-core/c.json',
      status: 'skipped',
      skipReason: 'x',
      failures: [],
    },
  ];
  const report = buildConformanceReport(results, {
    target: 'http://h',
    runAt: '2026-01-01T00:00:00.000Z',
    durationMs: 9,
  });
  expect(toReferenceReport(report, { requestedLevel: 0 })).toEqual({
    test_suite_version: '1.0.0-rc.1',
    target: 'http://h',
    run_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 9,
    requested_level: 0,
    results: {
      total: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      errored: 0,
      by_level: { 0: { total: 3, passed: 1, failed: 1, skipped: 1, errored: 0, all_pass: false } },
    },
    conformant: false,
    conformant_level: -1,
    failures: [
      {
        test_id: 'L0-A-002',
        name: 'n',
        level: 0,
        category: 'c',
        status: 'fail',
        duration_ms: 3,
        file_path: 'level-0-core/b.json',
        failures: [
          {
            step_id: 'step-1',
            field: 'status',
            expected: '201',
            actual: '400',
            message: 'expected status 201, got 400',
          },
          {
            step_id: 'step-1',
            field: 'header:OJS-Version',
            expected: '1.0',
            actual: '',
            message: 'header OJS-Version: missing',
          },
          { step_id: 'step-1', field: '$.job', expected: '{"$exists":true}', actual: '', message: 'missing' },
        ],
      },
    ],
    skipped: [
      {
        test_id: 'L0-A-003',
        name: 'n',
        level: 0,
        category: 'c',
        status: 'skip',
        duration_ms: 3,
        file_path: 'level-0-core/c.json',
      },
    ],
  });
});
