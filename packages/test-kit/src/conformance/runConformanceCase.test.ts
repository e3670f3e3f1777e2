import { afterEach, describe, expect, test } from 'vitest';
import { serveFetchHandler, type ServedApp } from '../serveFetchHandler';
import { type ConformanceCase } from './conformanceCase';
import { type CaseResult } from './conformanceResult';
import { loadConformanceCasesSync, resolveSuitesDir } from './loadConformanceCases';
import { formatCaseResult, runConformance } from './runConformance';
import { runConformanceCase } from './runConformanceCase';
import { createMiniOjsApp, type MiniOjsFaults } from './testing/miniOjsApp';

const { dir, hint } = resolveSuitesDir();
// `<test_id> <name>`: some test ids appear twice in the suites.
const REAL_CASES = [
  'EXT-ADM-004 admin-get-job-detail',
  'L0-ENV-001 valid-minimal-job',
  'L0-OPS-008 fetch-exclusive-claim',
  'L0-OPS-020 info-readonly',
  'L0-OPS-032 error-response-structure-conflict',
];
const keyOf = (c: ConformanceCase) => `${c.testId} ${c.name}`;

function loadCase(key: string): ConformanceCase {
  const found = loadConformanceCasesSync({
    dir: dir ?? '',
    suites: ['level-0-core', 'ext-admin-api'],
    filter: (c) => keyOf(c) === key,
  });
  if (found.length !== 1 || !found[0]) throw new Error(`case ${key} not found exactly once`);
  return found[0];
}

const served: ServedApp[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((s) => s.close()));
});

async function serveMini(faults: MiniOjsFaults = {}): Promise<ServedApp> {
  const s = await serveFetchHandler(createMiniOjsApp(faults).app.fetch);
  served.push(s);
  return s;
}

async function runAgainst(
  testId: string,
  faults: MiniOjsFaults,
  continueAfterFailure = false,
): Promise<CaseResult> {
  const s = await serveMini(faults);
  return runConformanceCase(loadCase(testId), { baseUrl: s.baseUrl, continueAfterFailure });
}

describe.skipIf(!dir)(
  `real conformance cases against a small in-process server${dir ? '' : ` (${hint})`}`,
  () => {
    test('a conforming server passes, each case on its own fresh server, several at once', async () => {
      const cases = loadConformanceCasesSync({
        dir: dir ?? '',
        suites: ['level-0-core', 'ext-admin-api'],
        filter: (c) => REAL_CASES.includes(keyOf(c)),
      });
      expect(cases.map(keyOf)).toEqual(REAL_CASES);
      let started = 0;
      const report = await runConformance(cases, {
        target: async () => {
          started++;
          return serveFetchHandler(createMiniOjsApp().app.fetch);
        },
        concurrency: 3,
      });
      expect(started).toBe(cases.length);
      expect(report.results.filter((r) => r.status !== 'passed').map(formatCaseResult)).toEqual([]);
      expect(report.summary).toBe('5 passed, 0 failed, 0 skipped');
      expect(report.totals).toEqual({ total: 5, passed: 5, failed: 0, skipped: 0 });
      expect(report.conformant).toBe(true);
      expect(report.byLevel[99]).toEqual({ total: 1, passed: 1, failed: 0, skipped: 0, allPass: true });
      // The ASSERT steps were really checked, not skipped over.
      expect(report.results.flatMap((r) => r.unchecked)).toEqual([]);
      const claim = report.results.find((r) => r.testId === 'L0-OPS-008');
      expect(claim?.steps.map((s) => [s.stepId, s.passed])).toEqual([
        ['step-1', true],
        ['step-2', true],
        ['step-3', true],
        ['step-4', true],
      ]);
    });

    test('the same cases pass with the app injected as fetch (no socket)', async () => {
      const result = await runConformanceCase(loadCase('EXT-ADM-004 admin-get-job-detail'), {
        baseUrl: 'http://ojs.test',
        fetch: createMiniOjsApp().app.fetch,
      });
      expect(result.status).toBe('passed');
      expect(result.steps.map((s) => s.url)).toEqual([
        'http://ojs.test/ojs/v1/jobs',
        expect.stringMatching(/^http:\/\/ojs\.test\/ojs\/v1\/admin\/jobs\/[0-9a-f-]{36}$/),
      ]);
    });

    test('a wrong status is reported with expected, actual, the request and the body', async () => {
      const r = await runAgainst('L0-ENV-001 valid-minimal-job', { enqueueStatus: 200 });
      expect(r.status).toBe('failed');
      expect(r.failures).toHaveLength(1);
      const f = r.failures[0];
      expect(f).toMatchObject({
        stepId: 'step-1',
        phase: 'steps',
        kind: 'status',
        path: 'status',
        expected: 201,
        actual: 200,
        message: 'expected status 201, got 200',
        responseStatus: 200,
        request: { method: 'POST', url: expect.stringMatching(/\/ojs\/v1\/jobs$/) as unknown },
      });
      expect(f?.bodyExcerpt).toContain('"type":"email.send"');
    });

    test('a missing field is reported at its JSONPath', async () => {
      const r = await runAgainst('L0-ENV-001 valid-minimal-job', { omitJobField: 'enqueued_at' });
      expect(r.failures).toEqual([
        expect.objectContaining({
          kind: 'body',
          path: '$.job.enqueued_at',
          expected: 'string:datetime',
          actual: undefined,
          message: 'expected an RFC 3339 datetime, got missing (missing)',
        }),
      ]);
    });

    test('a wrong header is reported with both values', async () => {
      const r = await runAgainst('L0-ENV-001 valid-minimal-job', { contentType: 'application/json' });
      expect(r.failures).toEqual([
        expect.objectContaining({
          kind: 'header',
          path: 'Content-Type',
          expected: 'application/openjobspec+json',
          actual: 'application/json',
        }),
      ]);
    });

    test('a double delivery fails the exclusive_claim ASSERT', async () => {
      const r = await runAgainst('L0-OPS-008 fetch-exclusive-claim', { fetchDoesNotClaim: true });
      expect(r.status).toBe('failed');
      expect(r.failures).toEqual([
        expect.objectContaining({
          stepId: 'step-4',
          kind: 'assert',
          path: 'exclusive_claim.exactly_one_has_job',
          expected: 1,
          actual: 2,
        }),
        expect.objectContaining({ stepId: 'step-4', path: 'exclusive_claim.exactly_one_empty', actual: 0 }),
      ]);
    });

    test('reads with side effects fail the equality ASSERT', async () => {
      const r = await runAgainst('L0-OPS-020 info-readonly', { volatileReads: true });
      expect(r.failures.map((f) => [f.stepId, f.kind, f.path])).toEqual([
        ['step-5', 'assert', '$.steps.step-2.response.body'],
        ['step-5', 'assert', '$.steps.step-3.response.body'],
      ]);
      expect(r.failures[0]?.message).toMatch(
        /differs from the expected value at \.job\.read_sequence: expected \d+, got \d+$/,
      );
    });

    test('a missing id stops the case; with continueAfterFailure the dependent step is not sent', async () => {
      const stopped = await runAgainst('EXT-ADM-004 admin-get-job-detail', { omitJobField: 'id' });
      expect(stopped.steps.map((s) => s.stepId)).toEqual(['step-1']);
      expect(stopped.failures.map((f) => [f.kind, f.path])).toEqual([
        ['body', '$.job.id'],
        ['capture', '$.job.id'],
      ]);

      const continued = await runAgainst('EXT-ADM-004 admin-get-job-detail', { omitJobField: 'id' }, true);
      expect(continued.steps.map((s) => [s.stepId, s.passed])).toEqual([
        ['step-1', false],
        ['step-2', false],
      ]);
      expect(continued.failures.at(-1)).toMatchObject({
        stepId: 'step-2',
        kind: 'template',
        expected: ['{{job_id}}'],
      });
      expect(continued.steps[1]?.status).toBeUndefined();
    });

    test('a shared target is reset before every case and runs them one at a time', async () => {
      const mini = createMiniOjsApp();
      const s = await serveFetchHandler(mini.app.fetch);
      served.push(s);
      const cases = ['L0-ENV-001 valid-minimal-job', 'L0-OPS-032 error-response-structure-conflict'].map(
        loadCase,
      );
      const report = await runConformance(cases, {
        target: { baseUrl: s.baseUrl, resetUrl: '/test/reset' },
        concurrency: 8,
      });
      expect(report.summary).toBe('2 passed, 0 failed, 0 skipped');
      expect(report.target).toBe(s.baseUrl);
      expect(mini.resets()).toBe(2);
    });

    test('a reset endpoint that fails fails the case before any step runs', async () => {
      const s = await serveMini();
      const r = await runConformanceCase(loadCase('L0-ENV-001 valid-minimal-job'), {
        baseUrl: s.baseUrl,
        resetUrl: `${s.baseUrl}/no/such/reset`,
      });
      expect(r.steps).toEqual([]);
      expect(r.failures).toEqual([
        expect.objectContaining({ phase: 'reset', kind: 'request', message: 'reset endpoint answered 404' }),
      ]);
    });

    test('a target factory that throws fails that case only', async () => {
      const report = await runConformance([loadCase('L0-ENV-001 valid-minimal-job')], {
        target: () => Promise.reject(new Error('port in use')),
      });
      expect(report.summary).toBe('0 passed, 1 failed, 0 skipped');
      expect(report.results[0]?.failures[0]?.message).toBe('could not start the target: port in use');
    });
  },
);
