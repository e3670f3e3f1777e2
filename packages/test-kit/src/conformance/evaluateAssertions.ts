/**
 * Evaluation of a step's assertions against one HTTP response, and of the cross-step ASSERT forms.
 * Pure: no I/O; failures come back as data.
 */

import { z } from 'zod';
import { type StepAssertions } from './conformanceCase';
import { type StepFailure, type UncheckedAssertion } from './conformanceResult';
import { JsonPathSyntaxError, type JsonPathResult, resolveJsonPath } from './jsonPath';
import { describeValue, firstDifference, found, isRecord, matchValue, type MatchOptions } from './matchers';
import { interpolateTemplates, resolveTemplates, type StepResponse, type TemplateScope } from './templates';

/** A failure before the request context (stepId, phase, request) is attached. */
export type AssertionFailure = Omit<
  StepFailure,
  'stepId' | 'phase' | 'request' | 'responseStatus' | 'bodyExcerpt'
>;

export interface EvaluationContext extends MatchOptions {
  scope: TemplateScope;
  /** Tolerance floor for timing_ms.approximate, ms. Default 100. */
  minTimingToleranceMs?: number;
}

const NOT_FOUND: JsonPathResult = { found: false, value: undefined };

function templateFailure(unresolved: string[], where: string): AssertionFailure {
  return {
    kind: 'template',
    path: where,
    expected: unresolved,
    message: `unresolved template reference ${unresolved.join(', ')} in ${where} (the step it names failed, has not run, or lacks that field)`,
  };
}

/** Matches an HTTP status against the `status` forms: 201, "number:range(400,422)", "one_of:200,409", {"$in": [...]}. */
export function matchStatus(spec: unknown, status: number, options: MatchOptions = {}): string | null {
  if (typeof spec === 'number') return spec === status ? null : `expected status ${spec}, got ${status}`;
  if (typeof spec === 'string') {
    const s = spec.trim();
    if (/^\d+$/.test(s)) return Number(s) === status ? null : `expected status ${s}, got ${status}`;
    if (s.startsWith('one_of:')) {
      const allowed = s
        .slice('one_of:'.length)
        .split(',')
        .map((x) => Number(x.trim()));
      if (allowed.some((n) => !Number.isInteger(n)))
        return `malformed status matcher ${JSON.stringify(spec)}`;
      return allowed.includes(status) ? null : `expected status one of ${allowed.join(', ')}, got ${status}`;
    }
    if (s.startsWith('number:')) {
      const reason = matchValue(s, found(status), options);
      return reason ? `status: ${reason}` : null;
    }
    return `unsupported status matcher ${JSON.stringify(spec)}`;
  }
  if (isRecord(spec)) {
    const reason = matchValue(spec, found(status), options);
    return reason ? `status ${status}: ${reason}` : null;
  }
  return `unsupported status matcher ${describeValue(spec)}`;
}

function isEmptyBody(response: StepResponse): boolean {
  if (response.text.trim() === '') return true;
  const b = response.body;
  if (b === null) return true;
  if (Array.isArray(b)) return b.length === 0;
  return isRecord(b) && Object.keys(b).length === 0;
}

function resolvePath(body: unknown, path: string): JsonPathResult | { error: string } {
  try {
    return resolveJsonPath(body, path);
  } catch (err) {
    if (err instanceof JsonPathSyntaxError) return { error: err.message };
    throw err;
  }
}

/** Evaluates a body assertion map (JSONPath -> matcher, plus "$or" and "$empty"). */
export function evaluateBodyMap(
  map: Record<string, unknown>,
  response: StepResponse,
  ctx: EvaluationContext,
): AssertionFailure[] {
  const failures: AssertionFailure[] = [];
  for (const [rawKey, rawMatcher] of Object.entries(map)) {
    if (rawKey === '$or') {
      if (!Array.isArray(rawMatcher) || !rawMatcher.every(isRecord)) {
        failures.push({
          kind: 'body',
          path: '$or',
          expected: rawMatcher,
          message: '$or needs an array of objects',
        });
        continue;
      }
      const outcomes = rawMatcher.map((alt) => evaluateBodyMap(alt, response, ctx));
      if (outcomes.some((f) => f.length === 0)) continue;
      const why = outcomes
        .map((f, i) => `#${i + 1}: ${f[0]?.path ?? ''} ${f[0]?.message ?? ''}`.trim())
        .join('; ');
      failures.push({
        kind: 'body',
        path: '$or',
        expected: rawMatcher,
        actual: response.body,
        message: `no $or alternative matched (${why})`,
      });
      continue;
    }
    if (rawKey === '$empty') {
      const empty = isEmptyBody(response);
      if (rawMatcher === true && !empty)
        failures.push({
          kind: 'body',
          path: '$empty',
          expected: true,
          actual: response.body,
          message: 'expected an empty body',
        });
      else if (rawMatcher === false && empty)
        failures.push({
          kind: 'body',
          path: '$empty',
          expected: false,
          actual: response.body,
          message: 'expected a non-empty body',
        });
      else if (typeof rawMatcher !== 'boolean')
        failures.push({
          kind: 'body',
          path: '$empty',
          expected: rawMatcher,
          message: '$empty needs true or false',
        });
      continue;
    }
    const key = interpolateTemplates(rawKey, ctx.scope);
    const matcher = resolveTemplates(rawMatcher, ctx.scope);
    const unresolved = [...key.unresolved, ...matcher.unresolved];
    if (unresolved.length > 0) {
      failures.push(templateFailure(unresolved, `body assertion ${rawKey}`));
      continue;
    }
    const actual = resolvePath(response.body, key.value);
    if ('error' in actual) {
      failures.push({ kind: 'body', path: key.value, expected: matcher.value, message: actual.error });
      continue;
    }
    const reason = matchValue(matcher.value, actual, ctx);
    if (reason)
      failures.push({
        kind: 'body',
        path: key.value,
        expected: matcher.value,
        actual: actual.found ? actual.value : undefined,
        message: reason,
      });
  }
  return failures;
}

/** Evaluates everything a step asserts about one HTTP response. */
export function evaluateResponse(
  assertions: StepAssertions,
  response: StepResponse,
  requestDurationMs: number,
  ctx: EvaluationContext,
): AssertionFailure[] {
  const failures: AssertionFailure[] = [];
  if (assertions.status !== undefined) {
    const reason = matchStatus(assertions.status, response.status, ctx);
    if (reason)
      failures.push({
        kind: 'status',
        path: 'status',
        expected: assertions.status,
        actual: response.status,
        message: reason,
      });
  }
  if (assertions.statusIn && !assertions.statusIn.includes(response.status)) {
    failures.push({
      kind: 'status',
      path: 'status_in',
      expected: assertions.statusIn,
      actual: response.status,
      message: `expected status in [${assertions.statusIn.join(', ')}], got ${response.status}`,
    });
  }
  for (const [name, rawExpected] of Object.entries(assertions.headers ?? {})) {
    const expected = resolveTemplates(rawExpected, ctx.scope);
    if (expected.unresolved.length > 0) {
      failures.push({ ...templateFailure(expected.unresolved, `header ${name}`), kind: 'header' });
      continue;
    }
    const value = response.headers[name.toLowerCase()];
    const actual: JsonPathResult = value === undefined ? NOT_FOUND : found(value);
    const reason = matchValue(expected.value, actual, ctx);
    if (reason)
      failures.push({
        kind: 'header',
        path: name,
        expected: expected.value,
        actual: value,
        message: `header ${name}: ${reason}`,
      });
  }
  if (assertions.body) failures.push(...evaluateBodyMap(assertions.body, response, ctx));
  for (const rawPath of assertions.bodyAbsent) {
    const p = interpolateTemplates(rawPath, ctx.scope);
    if (p.unresolved.length > 0) {
      failures.push(templateFailure(p.unresolved, `body_absent ${rawPath}`));
      continue;
    }
    const actual = resolvePath(response.body, p.value);
    if ('error' in actual) failures.push({ kind: 'body_absent', path: p.value, message: actual.error });
    else if (actual.found && actual.value !== null)
      failures.push({
        kind: 'body_absent',
        path: p.value,
        expected: '(absent)',
        actual: actual.value,
        message: `expected ${p.value} to be absent, got ${describeValue(actual.value)}`,
      });
  }
  for (const rawSub of assertions.bodyContains) {
    const sub = interpolateTemplates(rawSub, ctx.scope);
    if (sub.unresolved.length > 0) {
      failures.push(templateFailure(sub.unresolved, `body_contains ${rawSub}`));
      continue;
    }
    if (!response.text.includes(sub.value))
      failures.push({
        kind: 'body_contains',
        path: 'body_contains',
        expected: sub.value,
        message: `response body does not contain ${JSON.stringify(sub.value)}`,
      });
  }
  const t = assertions.timingMs;
  if (t) {
    const ms = requestDurationMs;
    if (t.lessThan !== undefined && !(ms < t.lessThan))
      failures.push({
        kind: 'timing',
        path: 'timing_ms.less_than',
        expected: t.lessThan,
        actual: ms,
        message: `expected a response in < ${t.lessThan} ms, took ${ms} ms`,
      });
    if (t.greaterThan !== undefined && !(ms > t.greaterThan))
      failures.push({
        kind: 'timing',
        path: 'timing_ms.greater_than',
        expected: t.greaterThan,
        actual: ms,
        message: `expected a response in > ${t.greaterThan} ms, took ${ms} ms`,
      });
    if (t.approximate !== undefined) {
      const tolerance = Math.max(
        (t.approximate * (ctx.tolerancePct ?? 50)) / 100,
        ctx.minTimingToleranceMs ?? 100,
      );
      if (Math.abs(ms - t.approximate) > tolerance)
        failures.push({
          kind: 'timing',
          path: 'timing_ms.approximate',
          expected: t.approximate,
          actual: ms,
          message: `expected a response in ${t.approximate} ± ${tolerance} ms, took ${ms} ms`,
        });
    }
  }
  return failures;
}

const exclusiveClaimSchema = z.object({
  job_id: z.string().min(1),
  fetches: z.array(z.unknown()).min(1),
  exactly_one_has_job: z.boolean().optional(),
  exactly_one_empty: z.boolean().optional(),
});

function jobIdOf(job: unknown): unknown {
  if (!isRecord(job)) return undefined;
  return job.id ?? job.job_id;
}

/** ASSERT `exclusive_claim`: of several fetch results, exactly one holds the job (and, if asked, exactly one is empty). */
export function evaluateExclusiveClaim(
  spec: unknown,
  scope: TemplateScope,
): { failures: AssertionFailure[]; unchecked?: Omit<UncheckedAssertion, 'stepId'> } {
  const resolved = resolveTemplates(spec, scope);
  if (resolved.unresolved.length > 0)
    return { failures: [{ ...templateFailure(resolved.unresolved, 'exclusive_claim'), kind: 'assert' }] };
  const parsed = exclusiveClaimSchema.safeParse(resolved.value);
  if (!parsed.success)
    return {
      failures: [],
      unchecked: {
        what: 'exclusive_claim',
        reason: `unrecognised shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      },
    };
  const { job_id: jobId, fetches } = parsed.data;
  const failures: AssertionFailure[] = [];
  const notArrays = fetches.map((f, i) => (Array.isArray(f) ? -1 : i)).filter((i) => i >= 0);
  if (notArrays.length > 0) {
    failures.push({
      kind: 'assert',
      path: 'exclusive_claim.fetches',
      expected: 'arrays of jobs',
      actual: fetches,
      message: `fetch result(s) #${notArrays.map((i) => i + 1).join(', ')} are not arrays of jobs`,
    });
    return { failures };
  }
  const lists = fetches as unknown[][];
  const holders = lists.filter((jobs) => jobs.some((j) => jobIdOf(j) === jobId)).length;
  const empties = lists.filter((jobs) => jobs.length === 0).length;
  const summary = lists.map((jobs) => `[${jobs.map((j) => String(jobIdOf(j))).join(', ')}]`).join(' ');
  if ((parsed.data.exactly_one_has_job ?? true) && holders !== 1)
    failures.push({
      kind: 'assert',
      path: 'exclusive_claim.exactly_one_has_job',
      expected: 1,
      actual: holders,
      message: `expected exactly one fetch to claim job ${jobId}, ${holders} did: ${summary}`,
    });
  if (parsed.data.exactly_one_empty && empties !== 1)
    failures.push({
      kind: 'assert',
      path: 'exclusive_claim.exactly_one_empty',
      expected: 1,
      actual: empties,
      message: `expected exactly one fetch to come back empty, ${empties} did: ${summary}`,
    });
  return { failures };
}

/** The document ASSERT `equality` paths are resolved against: `$.steps.<id>.response.{status,headers,body}`. */
export function stepsDocument(steps: ReadonlyMap<string, StepResponse>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, r] of steps) out[id] = { response: { status: r.status, headers: r.headers, body: r.body } };
  return { steps: out };
}

/** ASSERT `equality`: each JSONPath over the step results deep-equals its (templated) value. */
export function evaluateEquality(spec: Record<string, unknown>, scope: TemplateScope): AssertionFailure[] {
  const failures: AssertionFailure[] = [];
  const doc = stepsDocument(scope.steps);
  for (const [rawPath, rawExpected] of Object.entries(spec)) {
    const p = interpolateTemplates(rawPath, scope);
    const expected = resolveTemplates(rawExpected, scope);
    const unresolved = [...p.unresolved, ...expected.unresolved];
    if (unresolved.length > 0) {
      failures.push({ ...templateFailure(unresolved, `equality ${rawPath}`), kind: 'assert' });
      continue;
    }
    const actual = resolvePath(doc, p.value);
    if ('error' in actual) {
      failures.push({ kind: 'assert', path: p.value, message: actual.error });
      continue;
    }
    if (!actual.found) {
      failures.push({
        kind: 'assert',
        path: p.value,
        expected: expected.value,
        message: `${p.value} does not resolve`,
      });
      continue;
    }
    const diff = firstDifference(expected.value, actual.value);
    if (diff) {
      const show = (v: unknown) => (v === undefined ? '(missing)' : describeValue(v, 120));
      failures.push({
        kind: 'assert',
        path: p.value,
        expected: expected.value,
        actual: actual.value,
        message: `${p.value} differs from the expected value at ${diff.path || '(root)'}: expected ${show(diff.expected)}, got ${show(diff.actual)}`,
      });
    }
  }
  return failures;
}
