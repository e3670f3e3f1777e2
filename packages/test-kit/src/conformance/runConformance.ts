/**
 * Runs many conformance cases, isolated or against one shared server, and builds the report.
 *
 * Isolation: the reference runner has none (cases share queues and depend on their order). Give `target` a
 * factory and every case gets its own fresh server, so cases can run in parallel: the long ones (cron cases
 * sleep 65-130 s) are started first and overlap everything else.
 *
 * Shared target: `{ baseUrl, fetch?, resetUrl? }`. With a resetUrl the cases run one at a time, each after a
 * POST to the reset endpoint (running them in parallel would reset a server under another case).
 */

import { type ConformanceCase } from './conformanceCase';
import { type CaseResult, type ConformanceReport, type LevelTotals } from './conformanceResult';
import { type FetchLike, runConformanceCase, type RunConformanceCaseOptions } from './runConformanceCase';

/** A running server to test. */
export interface ConformanceTarget {
  baseUrl: string;
  fetch?: FetchLike;
  /** Stops the server; called once the case is done. */
  close(): Promise<void>;
}

/** Creates a fresh server for one case. */
export type ConformanceTargetFactory = (testCase: ConformanceCase) => Promise<ConformanceTarget>;

/** One server shared by every case. */
export interface SharedConformanceTarget {
  baseUrl: string;
  fetch?: FetchLike;
  /** POSTed before every case; forces sequential runs. */
  resetUrl?: string;
}

export type CaseRunOptions = Omit<
  RunConformanceCaseOptions,
  'baseUrl' | 'fetch' | 'resetUrl' | 'timeoutMs' | 'signal'
>;

export interface RunConformanceOptions extends CaseRunOptions {
  target: ConformanceTargetFactory | SharedConformanceTarget;
  /** Cases in flight at once. Default 4 with a factory; always 1 for a shared target with resetUrl. */
  concurrency?: number;
  /** Time a case may take beyond its declared sleeps. Default 30 000 ms. */
  perCaseTimeoutMs?: number;
  /** Called as each case finishes (in completion order). */
  onCaseDone?: (result: CaseResult) => void;
  signal?: AbortSignal;
}

/** Runs `cases` through a pool of `concurrency` workers, longest declared wait first. Results keep `cases` order. */
export async function runCasePool<T>(
  cases: readonly ConformanceCase[],
  concurrency: number,
  run: (testCase: ConformanceCase) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(cases.length);
  const order = cases
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.declaredWaitMs - a.c.declaredWaitMs || a.i - b.i);
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const item = order[next++];
      if (!item) break;
      results[item.i] = await run(item.c);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, order.length)) }, worker));
  return results;
}

function isFactory(target: RunConformanceOptions['target']): target is ConformanceTargetFactory {
  return typeof target === 'function';
}

/** Runs one case against a target from the factory, closing it afterwards; a factory error fails the case. */
export async function runCaseWithFactory(
  testCase: ConformanceCase,
  factory: ConformanceTargetFactory,
  options: CaseRunOptions & { timeoutMs?: number; signal?: AbortSignal },
): Promise<CaseResult> {
  if (testCase.unsupported.length > 0)
    return runConformanceCase(testCase, { ...options, baseUrl: 'http://unused.invalid' });
  let target: ConformanceTarget;
  try {
    target = await factory(testCase);
  } catch (err) {
    return {
      testId: testCase.testId,
      name: testCase.name,
      level: testCase.level,
      category: testCase.category,
      suite: testCase.suite,
      file: testCase.file,
      status: 'failed',
      durationMs: 0,
      failures: [
        {
          stepId: '(target)',
          phase: 'reset',
          kind: 'request',
          message: `could not start the target: ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
      unchecked: [],
      steps: [],
    };
  }
  const result = await runConformanceCase(testCase, {
    ...options,
    baseUrl: target.baseUrl,
    fetch: target.fetch,
  });
  try {
    await target.close();
  } catch (err) {
    result.status = 'failed';
    result.failures.push({
      stepId: '(target)',
      phase: 'teardown',
      kind: 'request',
      message: `could not close the target: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return result;
}

/** Runs the cases and returns the report (results in the order of `cases`). */
export async function runConformance(
  cases: readonly ConformanceCase[],
  options: RunConformanceOptions,
): Promise<ConformanceReport> {
  const started = performance.now();
  const runAt = new Date().toISOString();
  const { target, concurrency, perCaseTimeoutMs, onCaseDone, ...caseOptions } = options;
  const timeoutMs = perCaseTimeoutMs ?? 30_000;
  let results: CaseResult[];
  let label: string;
  if (isFactory(target)) {
    label = 'fresh target per case';
    results = await runCasePool(cases, concurrency ?? 4, async (c) => {
      const r = await runCaseWithFactory(c, target, { ...caseOptions, timeoutMs });
      onCaseDone?.(r);
      return r;
    });
  } else {
    label = target.baseUrl;
    const width = target.resetUrl ? 1 : (concurrency ?? 1);
    results = await runCasePool(cases, width, async (c) => {
      const r = await runConformanceCase(c, {
        ...caseOptions,
        baseUrl: target.baseUrl,
        fetch: target.fetch,
        resetUrl: target.resetUrl,
        timeoutMs,
      });
      onCaseDone?.(r);
      return r;
    });
  }
  return buildConformanceReport(results, {
    target: label,
    runAt,
    durationMs: Math.round(performance.now() - started),
  });
}

function emptyTotals(): LevelTotals {
  return { total: 0, passed: 0, failed: 0, skipped: 0 };
}

/** "N passed, N failed, N skipped". */
export function summarizeResults(results: readonly Pick<CaseResult, 'status'>[]): string {
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`;
}

/** Aggregates case results into a report, with per-level totals and the conformant level. */
export function buildConformanceReport(
  results: CaseResult[],
  meta: { target: string; runAt: string; durationMs: number },
): ConformanceReport {
  const totals = emptyTotals();
  const byLevel: ConformanceReport['byLevel'] = {};
  for (const r of results) {
    const level = (byLevel[r.level] ??= { ...emptyTotals(), allPass: true });
    for (const t of [totals, level]) {
      t.total++;
      t[r.status]++;
    }
    if (r.status === 'failed') level.allPass = false;
  }
  // Certification looks at the level-N suites only: several ext suites declare `level: 0`.
  const core = results.filter((r) => /^level-\d/.test(r.suite));
  let conformantLevel = -1;
  for (let lvl = 0; lvl <= 4; lvl++) {
    const at = core.filter((r) => r.level === lvl);
    if (at.length === 0) continue;
    if (at.some((r) => r.status === 'failed') || !at.some((r) => r.status === 'passed')) break;
    conformantLevel = lvl;
  }
  return {
    ...meta,
    results,
    totals,
    byLevel,
    conformantLevel,
    conformant: totals.failed === 0,
    summary: summarizeResults(results),
  };
}

/**
 * A human-readable multi-line description of a failed or skipped case. The request and the response body are
 * printed once per step (after that step's failures), not once per failed assertion.
 */
export function formatCaseResult(result: CaseResult): string {
  const head = `${result.testId} ${result.name} (${result.file}): ${result.status}`;
  if (result.status === 'skipped') return `${head}: ${result.skipReason ?? ''}`;
  const lines = [head];
  result.failures.forEach((f, i) => {
    lines.push(
      `  [${f.phase}:${f.stepId}${f.repetition ? ` #${f.repetition}` : ''}] ${f.kind}${f.path ? ` ${f.path}` : ''}: ${f.message}`,
    );
    if (f.kind !== 'template' && f.kind !== 'request' && f.kind !== 'timeout') {
      if (f.expected !== undefined) lines.push(`    expected: ${safeJson(f.expected)}`);
      lines.push(`    actual:   ${f.actual === undefined ? '(missing)' : safeJson(f.actual)}`);
    }
    const next = result.failures[i + 1];
    const sameExchange =
      next !== undefined &&
      next.stepId === f.stepId &&
      next.repetition === f.repetition &&
      next.request?.url === f.request?.url;
    if (sameExchange) return;
    if (f.request)
      lines.push(
        `    request:  ${f.request.method} ${f.request.url}${f.responseStatus !== undefined ? ` -> ${f.responseStatus}` : ''}`,
      );
    if (f.bodyExcerpt !== undefined) lines.push(`    body:     ${f.bodyExcerpt}`);
  });
  for (const u of result.unchecked) lines.push(`  [unchecked ${u.stepId}] ${u.what}: ${u.reason}`);
  return lines.join('\n');
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(value);
  }
}
