/** Result types of a conformance run. */

export type StepPhase = 'reset' | 'setup' | 'steps' | 'teardown';

export type FailureKind =
  | 'status'
  | 'header'
  | 'body'
  | 'body_absent'
  | 'body_contains'
  | 'timing'
  | 'assert'
  | 'capture'
  | 'template'
  | 'request'
  | 'timeout';

/** One assertion that did not hold, with enough context to see why without rerunning. */
export interface StepFailure {
  stepId: string;
  phase: StepPhase;
  kind: FailureKind;
  /** The JSONPath, header name, or assertion name that failed. */
  path?: string;
  /** The matcher or value the case expects (templates resolved). */
  expected?: unknown;
  /** What the server produced at `path` (undefined when missing). */
  actual?: unknown;
  message: string;
  /** The request that produced the response. */
  request?: { method: string; url: string };
  /** The response status, when there was a response. */
  responseStatus?: number;
  /** The start of the response body. */
  bodyExcerpt?: string;
  /** 1-based repetition, for steps with `repeat`. */
  repetition?: number;
}

/** An assertion the harness could not check (reported instead of silently passing). */
export interface UncheckedAssertion {
  stepId: string;
  what: string;
  reason: string;
}

/** What happened in one step. */
export interface StepRecord {
  stepId: string;
  phase: StepPhase;
  action: string;
  url?: string;
  status?: number;
  /** Duration of the step's request(s), excluding its delay. */
  durationMs: number;
  passed: boolean;
}

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  testId: string;
  name: string;
  level: number;
  category: string;
  suite: string;
  file: string;
  status: CaseStatus;
  /** Why the case was skipped. */
  skipReason?: string;
  durationMs: number;
  failures: StepFailure[];
  unchecked: UncheckedAssertion[];
  steps: StepRecord[];
}

export interface LevelTotals {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface ConformanceReport {
  /** Describes the target: a base URL or "fresh target per case". */
  target: string;
  runAt: string;
  durationMs: number;
  results: CaseResult[];
  totals: LevelTotals;
  /** Keyed by level number (99 = ext). */
  byLevel: Record<number, LevelTotals & { allPass: boolean }>;
  /**
   * Highest level L (0-4) such that, among cases from the level-N suites, every level present up to L has no
   * failure and at least one pass; -1 if none. (Ext suites are left out: several declare `level: 0`.)
   */
  conformantLevel: number;
  /** No failure anywhere in the run. */
  conformant: boolean;
  /** "N passed, N failed, N skipped". */
  summary: string;
}
