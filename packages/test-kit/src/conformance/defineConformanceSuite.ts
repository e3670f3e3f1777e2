/**
 * Registers the OJS conformance cases as vitest tests, one test per case.
 *
 * The cases run in a pool (`concurrency` wide, longest declared wait first) that starts when the suite starts;
 * each test waits for its own case's result, so the report stays per case while long cases (cron: 65-130 s)
 * overlap the rest. Only the cases whose tests are selected (e.g. by `vitest -t`) are run.
 *
 * `expectedFailures` lists cases believed wrong in the suite itself, keyed by test_id (or by
 * `<test_id> <name>` / the case file path when a test_id is not unique), with the reason. Such a case passes
 * when it fails, with the reason and the failure attached as an annotation; if it PASSES, its test fails so
 * that the list stays honest. Keys naming no loaded case fail a dedicated test.
 */

import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type ConformanceCase } from './conformanceCase';
import { type CaseResult } from './conformanceResult';
import { loadConformanceCasesSync, resolveSuitesDir, SUITES_ENV_VAR } from './loadConformanceCases';
import {
  buildConformanceReport,
  type CaseRunOptions,
  type ConformanceTargetFactory,
  formatCaseResult,
  runCasePool,
  runCaseWithFactory,
  type SharedConformanceTarget,
} from './runConformance';
import { runConformanceCase } from './runConformanceCase';
import { toReferenceReport } from './toReferenceReport';

export interface DefineConformanceSuiteOptions extends CaseRunOptions {
  /** Top-level suite directories, e.g. ['level-0-core', 'ext-admin-api']. */
  suites: readonly string[];
  /** A factory (a fresh server per case) or a shared server (with resetUrl, cases run one at a time). */
  target: ConformanceTargetFactory | SharedConformanceTarget;
  /** Cases in flight at once (factory targets). Default 4. */
  concurrency?: number;
  /** Time a case may take beyond its declared sleeps. Default 30 000 ms. */
  perCaseTimeoutMs?: number;
  /** Cases believed wrong in the suite itself: key -> reason. See the module comment. */
  expectedFailures?: Readonly<Record<string, string>>;
  /** Keep only the cases for which this returns true. */
  filter?: (testCase: ConformanceCase) => boolean;
  /** The suites directory; default resolveSuitesDir(). */
  dir?: string;
  /** The describe block's title. Default "OJS conformance: <suites>". */
  title?: string;
  /** When set, the JSON report of the cases that ran is written there after the suite. */
  reportFile?: string;
  /** `lookout` (ConformanceReport, default) or `reference` (the reference runner's JSON shape). */
  reportFormat?: 'lookout' | 'reference';
}

/** The keys under which a case may be listed in expectedFailures. */
export function expectedFailureKeys(c: ConformanceCase): string[] {
  return [c.testId, `${c.testId} ${c.name}`, c.file];
}

/** The reason a case is expected to fail, or undefined. */
export function expectedFailureReason(
  c: ConformanceCase,
  expectedFailures: Readonly<Record<string, string>> | undefined,
): string | undefined {
  if (!expectedFailures) return undefined;
  for (const key of expectedFailureKeys(c))
    if (Object.hasOwn(expectedFailures, key)) return expectedFailures[key];
  return undefined;
}

/** Test titles, `<test_id> <name>`, disambiguated by file when they collide. */
export function caseTitles(cases: readonly ConformanceCase[]): string[] {
  const base = cases.map((c) => `${c.testId} ${c.name}`);
  return base.map((t, i) => (base.indexOf(t) !== base.lastIndexOf(t) ? `${t} (${cases[i]?.file ?? ''})` : t));
}

/** What a vitest test should do with a case result. */
export type CaseVerdict =
  | { outcome: 'pass'; notes: string[] }
  | { outcome: 'skip'; reason: string; notes: string[] }
  | { outcome: 'fail'; message: string; notes: string[] }
  | { outcome: 'expected-failure'; message: string; notes: string[] };

/**
 * Decides a case's test outcome: failures fail (unless the case is an expected failure), an expected failure
 * that passes fails (so the list stays honest), unchecked assertions become notes.
 */
export function judgeCaseResult(result: CaseResult, expectedFailure: string | undefined): CaseVerdict {
  const notes = result.unchecked.map((u) => `not checked: step ${u.stepId} ${u.what}: ${u.reason}`);
  if (result.status === 'skipped') return { outcome: 'skip', reason: result.skipReason ?? 'skipped', notes };
  if (expectedFailure !== undefined) {
    if (result.status === 'passed')
      return {
        outcome: 'fail',
        message: `${result.testId} ${result.name} is listed in expectedFailures ("${expectedFailure}") but passed: remove it from the list`,
        notes,
      };
    return {
      outcome: 'expected-failure',
      message: `expected failure: ${expectedFailure}\n${formatCaseResult(result)}`,
      notes,
    };
  }
  if (result.status === 'failed') return { outcome: 'fail', message: formatCaseResult(result), notes };
  return { outcome: 'pass', notes };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Registers one vitest test per conformance case; skips the block with a hint when the suites are absent. */
export function defineConformanceSuite(options: DefineConformanceSuiteOptions): void {
  const {
    suites,
    target,
    concurrency,
    perCaseTimeoutMs,
    expectedFailures,
    filter,
    dir,
    title,
    reportFile,
    reportFormat,
    ...caseOptions
  } = options;
  const blockTitle = title ?? `OJS conformance: ${suites.join(', ')}`;
  const resolution = resolveSuitesDir(dir ? { [SUITES_ENV_VAR]: dir } : process.env);
  if (!resolution.dir) {
    describe(blockTitle, () => {
      test.skip(resolution.hint, () => {});
    });
    return;
  }
  const cases = loadConformanceCasesSync({ dir: resolution.dir, suites, filter });
  const titles = caseTitles(cases);
  const timeoutMs = perCaseTimeoutMs ?? 30_000;
  const results = new Map<ConformanceCase, Deferred<CaseResult>>(
    cases.map((c) => [c, deferred<CaseResult>()]),
  );
  // Every test waits for its case in a pool that may run others first; bound by the whole run, since each
  // case enforces its own deadline.
  const wholeRunMs = cases.reduce((sum, c) => sum + c.declaredWaitMs + timeoutMs + 5_000, 10_000);
  let pool: Promise<unknown> = Promise.resolve();
  const ran: CaseResult[] = [];
  const scheduled = new Set<ConformanceCase>();
  let startedAt = 0;
  let runAt = '';
  const runOne = async (c: ConformanceCase): Promise<CaseResult> => {
    scheduled.add(c);
    const r =
      typeof target === 'function'
        ? await runCaseWithFactory(c, target, { ...caseOptions, timeoutMs })
        : await runConformanceCase(c, {
            ...caseOptions,
            baseUrl: target.baseUrl,
            fetch: target.fetch,
            resetUrl: target.resetUrl,
            timeoutMs,
          });
    ran.push(r);
    results.get(c)?.resolve(r);
    return r;
  };

  describe(blockTitle, () => {
    // vitest requires an object pattern for the context argument, and the suite comes second.
    // eslint-disable-next-line no-empty-pattern
    beforeAll(({}, suite) => {
      startedAt = performance.now();
      runAt = new Date().toISOString();
      const selectedTitles = new Set(
        suite.tasks
          .filter((t) => t.type === 'test' && t.mode !== 'skip' && t.mode !== 'todo')
          .map((t) => t.name),
      );
      const selected = cases.filter((c, i) => selectedTitles.has(titles[i] ?? '') && !scheduled.has(c));
      selected.forEach((c) => scheduled.add(c));
      const width =
        typeof target === 'function' ? (concurrency ?? 4) : target.resetUrl ? 1 : (concurrency ?? 1);
      pool = runCasePool(selected, width, runOne);
    });

    afterAll(async () => {
      await pool;
      if (ran.length === 0) return;
      const report = buildConformanceReport(ran, {
        target: typeof target === 'function' ? 'fresh target per case' : target.baseUrl,
        runAt,
        durationMs: Math.round(performance.now() - startedAt),
      });
      const expected = ran.filter(
        (r) =>
          r.status === 'failed' &&
          cases.some((c) => c.file === r.file && expectedFailureReason(c, expectedFailures)),
      ).length;
      console.log(
        `${blockTitle}: ${report.summary}${expected > 0 ? ` (${expected} expected failure(s))` : ''}`,
      );
      if (reportFile) {
        const body = reportFormat === 'reference' ? toReferenceReport(report) : report;
        writeFileSync(reportFile, `${JSON.stringify(body, null, 2)}\n`);
      }
    }, wholeRunMs);

    cases.forEach((c, i) => {
      const reason = expectedFailureReason(c, expectedFailures);
      test(titles[i] ?? c.testId, { timeout: wholeRunMs }, async (context) => {
        // A case the pool did not pick up (its test was selected in a way beforeAll could not see) runs here.
        const pending = results.get(c);
        const r = scheduled.has(c) && pending ? await pending.promise : await runOne(c);
        const verdict = judgeCaseResult(r, reason);
        for (const note of verdict.notes) await context.annotate(note, 'warning');
        if (verdict.outcome === 'skip') context.skip(verdict.reason);
        if (verdict.outcome === 'expected-failure') await context.annotate(verdict.message, 'notice');
        if (verdict.outcome === 'fail') throw new Error(verdict.message);
      });
    });

    const stale = Object.keys(expectedFailures ?? {}).filter(
      (key) => !cases.some((c) => expectedFailureKeys(c).includes(key)),
    );
    if (stale.length > 0) {
      test('expectedFailures names only loaded cases', () => {
        throw new Error(`expectedFailures lists cases that are not loaded: ${stale.join(', ')}`);
      });
    }
  });
}
