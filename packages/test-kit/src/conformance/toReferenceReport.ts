import { type CaseResult, type ConformanceReport, type StepFailure } from './conformanceResult';

/** A failure in the reference runner's report format (all values as strings). */
export interface ReferenceFailure {
  step_id: string;
  field: string;
  expected: string;
  actual: string;
  message: string;
}

export interface ReferenceTestResult {
  test_id: string;
  name: string;
  level: number;
  category: string;
  status: 'pass' | 'fail' | 'skip';
  duration_ms: number;
  failures?: ReferenceFailure[];
  file_path: string;
}

export interface ReferenceLevelSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  all_pass: boolean;
}

/** The JSON report of the reference Go runner (`-output json`), so tooling built for it can read ours. */
export interface ReferenceReport {
  test_suite_version: string;
  target: string;
  run_at: string;
  duration_ms: number;
  requested_level: number;
  results: {
    total: number;
    passed: number;
    failed: number;
    skipped: number;
    errored: number;
    by_level: Record<string, ReferenceLevelSummary>;
  };
  conformant: boolean;
  conformant_level: number;
  failures?: ReferenceTestResult[];
  skipped?: ReferenceTestResult[];
}

function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

function referenceFailure(f: StepFailure): ReferenceFailure {
  return {
    step_id: f.stepId,
    field: f.kind === 'header' ? `header:${f.path ?? ''}` : (f.path ?? f.kind),
    expected: asText(f.expected),
    actual: asText(f.actual),
    message: f.message,
  };
}

function referenceResult(r: CaseResult): ReferenceTestResult {
  const out: ReferenceTestResult = {
    test_id: r.testId,
    name: r.name,
    level: r.level,
    category: r.category,
    status: r.status === 'passed' ? 'pass' : r.status === 'failed' ? 'fail' : 'skip',
    duration_ms: r.durationMs,
    file_path: r.file,
  };
  if (r.failures.length > 0) out.failures = r.failures.map(referenceFailure);
  return out;
}

/** Converts a report to the reference runner's JSON shape. `requestedLevel` -1 means "all levels". */
export function toReferenceReport(
  report: ConformanceReport,
  options: { requestedLevel?: number; suiteVersion?: string } = {},
): ReferenceReport {
  const byLevel: Record<string, ReferenceLevelSummary> = {};
  for (const [level, t] of Object.entries(report.byLevel)) {
    byLevel[level] = {
      total: t.total,
      passed: t.passed,
      failed: t.failed,
      skipped: t.skipped,
      errored: 0,
      all_pass: t.allPass,
    };
  }
  const out: ReferenceReport = {
    test_suite_version: options.suiteVersion ?? '1.0.0-rc.1',
    target: report.target,
    run_at: report.runAt,
    duration_ms: report.durationMs,
    requested_level: options.requestedLevel ?? -1,
    results: { ...report.totals, errored: 0, by_level: byLevel },
    conformant: report.conformant,
    conformant_level: report.conformantLevel,
  };
  const failures = report.results.filter((r) => r.status === 'failed');
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (failures.length > 0) out.failures = failures.map(referenceResult);
  if (skipped.length > 0) out.skipped = skipped.map(referenceResult);
  return out;
}
