/**
 * Runs one conformance case against a server.
 *
 * Semantics (differences from the reference Go runner are deliberate and listed in the package README):
 * - `setup` steps run first; a failing setup step fails the case. `teardown` steps always run.
 * - Steps run in order. Steps linked by `parallel_with` form a group that starts together (Promise.all) at the
 *   position of its first member; each member still sleeps its own `delay_ms` first.
 * - By default a case stops after the first step that fails (all of that step's assertions are still
 *   evaluated): later steps depend on earlier ones and would only add noise, or wait minutes for nothing.
 *   `continueAfterFailure: true` runs every step, as the reference runner does.
 * - A request whose path, headers or body holds an unresolved template is not sent; the step fails with the
 *   reference named.
 * - `raw_body` is sent verbatim. Without a Content-Type header, a body gets `application/openjobspec+json`.
 * - The whole case has a deadline of `declaredWaitMs + timeoutMs`; on expiry in-flight requests and sleeps
 *   are aborted and the case fails with a `timeout` failure.
 */

import { AbortedError, raceAbort, sleep } from './abortable';
import { type ConformanceCase, type ConformanceStep } from './conformanceCase';
import {
  type CaseResult,
  type StepFailure,
  type StepPhase,
  type StepRecord,
  type UncheckedAssertion,
} from './conformanceResult';
import {
  type AssertionFailure,
  type EvaluationContext,
  evaluateEquality,
  evaluateExclusiveClaim,
  evaluateResponse,
} from './evaluateAssertions';
import { resolveJsonPath } from './jsonPath';
import { interpolateTemplates, resolveTemplates, type StepResponse } from './templates';

/** A fetch implementation: the global fetch, or an in-process app's handler such as Hono's `app.fetch`. */
export type FetchLike = (request: Request) => Response | Promise<Response>;

export const OJS_MEDIA_TYPE = 'application/openjobspec+json';

export interface RunConformanceCaseOptions {
  /** e.g. "http://127.0.0.1:8080" (no trailing path needed; case paths start with /ojs/...). */
  baseUrl: string;
  /** Defaults to the global fetch. Pass an app's fetch handler to run without a socket. */
  fetch?: FetchLike;
  /** Time allowed beyond the case's declared sleeps before it is aborted. Default 30 000 ms. */
  timeoutMs?: number;
  /** Time allowed for one HTTP request. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /**
   * POSTed before the case (e.g. a test-only reset endpoint); a non-2xx answer fails the case. A path
   * ("/test/reset") is resolved against baseUrl.
   */
  resetUrl?: string;
  /** Tolerance for `~N` matchers and timing_ms.approximate, in percent. Default 50. */
  tolerancePct?: number;
  /** Run every step even after one failed. Default false. */
  continueAfterFailure?: boolean;
  /** Length of the response body excerpt attached to failures. Default 600 characters. */
  bodyExcerptChars?: number;
  /** Aborts the case from outside. */
  signal?: AbortSignal;
}

interface CaseState {
  readonly testCase: ConformanceCase;
  readonly options: RunConformanceCaseOptions;
  readonly fetch: FetchLike;
  readonly signal: AbortSignal;
  readonly steps: Map<string, StepResponse>;
  readonly vars: Map<string, unknown>;
  readonly failures: StepFailure[];
  readonly unchecked: UncheckedAssertion[];
  readonly records: StepRecord[];
  readonly ctx: EvaluationContext;
}

function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

async function readResponse(response: Response, signal: AbortSignal): Promise<StepResponse> {
  const text = await raceAbort(response.text(), signal);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers, body, text };
}

async function send(
  state: CaseState,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ response: StepResponse; durationMs: number }> {
  const timeout = AbortSignal.timeout(state.options.requestTimeoutMs ?? 30_000);
  const signal = AbortSignal.any([state.signal, timeout]);
  const request = new Request(url, { method, headers, body, signal });
  const started = performance.now();
  const raw = await raceAbort(Promise.resolve(state.fetch(request)), signal);
  const response = await readResponse(raw, signal);
  return { response, durationMs: Math.round(performance.now() - started) };
}

function record(
  state: CaseState,
  step: ConformanceStep,
  phase: StepPhase,
  failures: StepFailure[],
  extra: Partial<StepRecord>,
): boolean {
  state.failures.push(...failures);
  state.records.push({
    stepId: step.id,
    phase,
    action: step.action,
    durationMs: 0,
    ...extra,
    passed: failures.length === 0,
  });
  return failures.length === 0;
}

function withContext(
  failures: AssertionFailure[],
  step: ConformanceStep,
  phase: StepPhase,
  extra: Partial<StepFailure> = {},
): StepFailure[] {
  return failures.map((f) => ({ stepId: step.id, phase, ...extra, ...f }));
}

async function runHttpStep(state: CaseState, step: ConformanceStep, phase: StepPhase): Promise<boolean> {
  const scope = { steps: state.steps, vars: state.vars };
  const path = interpolateTemplates(step.path ?? '/', scope);
  const unresolved = [...path.unresolved];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers)) {
    const v = interpolateTemplates(value, scope);
    unresolved.push(...v.unresolved);
    headers[name] = v.value;
  }
  let body: string | undefined;
  if (step.rawBody !== undefined) body = step.rawBody;
  else if (step.hasBody) {
    const b = resolveTemplates(step.body, scope);
    unresolved.push(...b.unresolved);
    body = JSON.stringify(b.value);
  }
  const url = joinUrl(state.options.baseUrl, path.value);
  if (unresolved.length > 0) {
    return record(
      state,
      step,
      phase,
      [
        {
          stepId: step.id,
          phase,
          kind: 'template',
          expected: unresolved,
          message: `request not sent: unresolved template reference ${unresolved.join(', ')} (the step it names failed, has not run, or lacks that field)`,
          request: { method: step.action, url },
        },
      ],
      { url },
    );
  }
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = OJS_MEDIA_TYPE;

  const failures: StepFailure[] = [];
  let last: StepResponse | undefined;
  let totalMs = 0;
  const maxExcerpt = state.options.bodyExcerptChars ?? 600;
  for (let rep = 1; rep <= step.repeat; rep++) {
    let result: { response: StepResponse; durationMs: number };
    try {
      result = await send(state, step.action, url, headers, body);
    } catch (err) {
      if (err instanceof AbortedError && state.signal.aborted) throw err;
      failures.push({
        stepId: step.id,
        phase,
        kind: 'request',
        message: `request failed: ${err instanceof AbortedError ? `no response within ${state.options.requestTimeoutMs ?? 30_000} ms` : (err as Error).message}`,
        request: { method: step.action, url },
        ...(step.repeat > 1 ? { repetition: rep } : {}),
      });
      break;
    }
    last = result.response;
    totalMs += result.durationMs;
    state.steps.set(step.id, result.response);
    if (step.assertions) {
      const found = evaluateResponse(step.assertions, result.response, result.durationMs, state.ctx);
      failures.push(
        ...withContext(found, step, phase, {
          request: { method: step.action, url },
          responseStatus: result.response.status,
          bodyExcerpt: excerpt(result.response.text, maxExcerpt),
          ...(step.repeat > 1 ? { repetition: rep } : {}),
        }),
      );
    }
  }
  if (step.assertions) {
    for (const { key, text } of step.assertions.comments)
      state.unchecked.push({
        stepId: step.id,
        what: key,
        reason: `prose expectation, not machine-checkable: ${text}`,
      });
    for (const key of step.assertions.unknownKeys)
      state.unchecked.push({ stepId: step.id, what: key, reason: 'assertion form not known to the harness' });
    if (step.assertions.exclusiveClaim !== undefined || step.assertions.equality !== undefined)
      state.unchecked.push({
        stepId: step.id,
        what: 'exclusive_claim/equality',
        reason: 'only meaningful on an ASSERT step',
      });
  }
  if (last) {
    for (const [name, p] of Object.entries(step.capture)) {
      try {
        const r = resolveJsonPath(last.body, p);
        if (r.found && r.value !== null) state.vars.set(name, r.value);
        else
          failures.push({
            stepId: step.id,
            phase,
            kind: 'capture',
            path: p,
            message: `cannot capture ${name}: ${p} is missing from the response`,
            request: { method: step.action, url },
            responseStatus: last.status,
            bodyExcerpt: excerpt(last.text, maxExcerpt),
          });
      } catch (err) {
        failures.push({ stepId: step.id, phase, kind: 'capture', path: p, message: (err as Error).message });
      }
    }
  }
  return record(state, step, phase, failures, { url, status: last?.status, durationMs: totalMs });
}

function runAssertStep(state: CaseState, step: ConformanceStep, phase: StepPhase): boolean {
  const scope = { steps: state.steps, vars: state.vars };
  const a = step.assertions;
  const failures: AssertionFailure[] = [];
  let checked = false;
  if (a?.exclusiveClaim !== undefined) {
    const r = evaluateExclusiveClaim(a.exclusiveClaim, scope);
    failures.push(...r.failures);
    if (r.unchecked) state.unchecked.push({ stepId: step.id, ...r.unchecked });
    else checked = true;
  }
  if (a?.equality !== undefined) {
    failures.push(...evaluateEquality(a.equality, scope));
    checked = true;
  }
  const other = [
    ...(a?.unknownKeys ?? []),
    ...(a?.status !== undefined || a?.statusIn ? ['status'] : []),
    ...(a?.body || a?.bodyAbsent.length || a?.bodyContains.length ? ['body'] : []),
    ...(a?.headers ? ['headers'] : []),
  ];
  for (const what of other)
    state.unchecked.push({
      stepId: step.id,
      what,
      reason: 'an ASSERT step makes no request, so there is no response to check',
    });
  if (!checked && other.length === 0 && a?.exclusiveClaim === undefined)
    state.unchecked.push({
      stepId: step.id,
      what: 'ASSERT',
      reason: 'no checkable cross-step assertion (exclusive_claim, equality)',
    });
  return record(state, step, phase, withContext(failures, step, phase), {});
}

async function runStep(state: CaseState, step: ConformanceStep, phase: StepPhase): Promise<boolean> {
  if (step.action === 'WAIT') {
    await sleep(step.durationMs > 0 ? step.durationMs : step.delayMs, state.signal);
    if (step.assertions)
      state.unchecked.push({
        stepId: step.id,
        what: 'assertions',
        reason: 'WAIT steps make no request; their assertions are not evaluated',
      });
    return record(state, step, phase, [], { durationMs: 0 });
  }
  await sleep(step.delayMs, state.signal);
  if (step.action === 'ASSERT') return runAssertStep(state, step, phase);
  return runHttpStep(state, step, phase);
}

/** Groups steps linked by parallel_with, in order of their first member. */
export function groupParallelSteps(steps: readonly ConformanceStep[]): ConformanceStep[][] {
  const groupOf = new Map<string, ConformanceStep[]>();
  const groups: ConformanceStep[][] = [];
  for (const step of steps) {
    const linked = steps.filter(
      (s) => s !== step && (step.parallelWith.includes(s.id) || s.parallelWith.includes(step.id)),
    );
    const existing = [step, ...linked].map((s) => groupOf.get(s.id)).find((g) => g !== undefined);
    const group = existing ?? [];
    if (!existing) groups.push(group);
    if (!group.includes(step)) group.push(step);
    for (const s of [step, ...linked]) groupOf.set(s.id, group);
  }
  return groups;
}

async function runPhase(
  state: CaseState,
  steps: readonly ConformanceStep[],
  phase: StepPhase,
  stopOnFailure: boolean,
): Promise<boolean> {
  let allPassed = true;
  for (const group of groupParallelSteps(steps)) {
    let outcomes: boolean[];
    if (group.length === 1 && group[0]) outcomes = [await runStep(state, group[0], phase)];
    else {
      const records = state.records.length;
      const failures = state.failures.length;
      outcomes = await Promise.all(group.map((s) => runStep(state, s, phase)));
      // Parallel steps finish in any order; report them in the order the case declares them.
      const rank = (id: string) => group.findIndex((s) => s.id === id);
      state.records.push(...state.records.splice(records).sort((a, b) => rank(a.stepId) - rank(b.stepId)));
      state.failures.push(...state.failures.splice(failures).sort((a, b) => rank(a.stepId) - rank(b.stepId)));
    }
    if (outcomes.includes(false)) {
      allPassed = false;
      if (stopOnFailure) return false;
    }
  }
  return allPassed;
}

function skipped(testCase: ConformanceCase, reason: string): CaseResult {
  return {
    testId: testCase.testId,
    name: testCase.name,
    level: testCase.level,
    category: testCase.category,
    suite: testCase.suite,
    file: testCase.file,
    status: 'skipped',
    skipReason: reason,
    durationMs: 0,
    failures: [],
    unchecked: [],
    steps: [],
  };
}

/** Runs one case and reports what passed and what did not. Never throws for a server's misbehaviour. */
export async function runConformanceCase(
  testCase: ConformanceCase,
  options: RunConformanceCaseOptions,
): Promise<CaseResult> {
  if (testCase.unsupported.length > 0)
    return skipped(testCase, `not runnable by this harness: ${testCase.unsupported.join('; ')}`);
  const started = performance.now();
  const budgetMs = testCase.declaredWaitMs + (options.timeoutMs ?? 30_000);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error(`case deadline of ${budgetMs} ms exceeded`)),
    budgetMs,
  );
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const steps = new Map<string, StepResponse>();
  const vars = new Map<string, unknown>();
  const state: CaseState = {
    testCase,
    options,
    fetch: options.fetch ?? ((request: Request) => fetch(request)),
    signal,
    steps,
    vars,
    failures: [],
    unchecked: [],
    records: [],
    ctx: { scope: { steps, vars }, tolerancePct: options.tolerancePct },
  };
  const stopOnFailure = !options.continueAfterFailure;
  let phase: StepPhase = 'reset';
  try {
    if (options.resetUrl) {
      const resetUrl = joinUrl(options.baseUrl, options.resetUrl);
      const reset = await send(state, 'POST', resetUrl, {}, undefined);
      if (reset.response.status < 200 || reset.response.status >= 300)
        state.failures.push({
          stepId: '(reset)',
          phase: 'reset',
          kind: 'request',
          message: `reset endpoint answered ${reset.response.status}`,
          request: { method: 'POST', url: resetUrl },
          responseStatus: reset.response.status,
          bodyExcerpt: excerpt(reset.response.text, options.bodyExcerptChars ?? 600),
        });
    }
    if (state.failures.length === 0) {
      phase = 'setup';
      const setupOk = await runPhase(state, testCase.setup, 'setup', true);
      if (setupOk) {
        phase = 'steps';
        await runPhase(state, testCase.steps, 'steps', stopOnFailure);
      }
    }
  } catch (err) {
    state.failures.push(timeoutOrError(err, phase, signal, budgetMs, testCase.declaredWaitMs));
  }
  if (testCase.teardown.length > 0 && !signal.aborted) {
    try {
      await runPhase(state, testCase.teardown, 'teardown', false);
    } catch (err) {
      state.failures.push(timeoutOrError(err, 'teardown', signal, budgetMs, testCase.declaredWaitMs));
    }
  }
  clearTimeout(timer);
  return {
    testId: testCase.testId,
    name: testCase.name,
    level: testCase.level,
    category: testCase.category,
    suite: testCase.suite,
    file: testCase.file,
    status: state.failures.length > 0 ? 'failed' : 'passed',
    durationMs: Math.round(performance.now() - started),
    failures: state.failures,
    unchecked: state.unchecked,
    steps: state.records,
  };
}

function timeoutOrError(
  err: unknown,
  phase: StepPhase,
  signal: AbortSignal,
  budgetMs: number,
  waitMs: number,
): StepFailure {
  if (err instanceof AbortedError && signal.aborted) {
    return {
      stepId: '(case)',
      phase,
      kind: 'timeout',
      message: `case aborted: ${err.message} (declared waits ${waitMs} ms + budget ${budgetMs - waitMs} ms)`,
    };
  }
  return {
    stepId: '(case)',
    phase,
    kind: 'request',
    message: `harness error: ${err instanceof Error ? err.message : String(err)}`,
  };
}
