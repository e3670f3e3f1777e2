/**
 * The conformance case model: the JSON case files validated with zod and normalised into one shape, whatever
 * dialect of the DSL a file uses.
 *
 * Dialect handling (the package README explains the choices):
 * - `assertions` and `expect` are the same thing; in `expect`, keys `body.a.b` become body JSONPaths `$.a.b`.
 * - `capture`, `captures` and `store` all map variable names to JSONPaths into that step's response body
 *   (`$.job.id`, or a relative `id`); the variables are used as `{{name}}` or `${name}`.
 * - `status_in` and `status_one_of` are the same; `*_comment` fields are informational.
 * - Actions are case-insensitive HTTP methods plus WAIT and ASSERT. The SDK-style dialect (`push`, `fetch`,
 *   `ack` … with a `request` object and no `path`) has no defined HTTP mapping: such cases are marked
 *   unsupported and reported as skipped, never guessed at.
 * - `level: "ext"` becomes level 99 (`EXT_LEVEL`).
 */

import { z } from 'zod';

export const EXT_LEVEL = 99;

export const HTTP_ACTIONS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpAction = (typeof HTTP_ACTIONS)[number];
export type StepAction = HttpAction | 'WAIT' | 'ASSERT';

export interface TimingAssertion {
  lessThan?: number;
  greaterThan?: number;
  approximate?: number;
}

export interface StepAssertions {
  /** Raw status matcher: a number, "number:range(a,b)", "one_of:a,b", or a matcher object like {"$in": [...]}. */
  status?: unknown;
  statusIn?: number[];
  /** JSONPath -> matcher; may hold a top-level "$or" (array of such maps) and "$empty". */
  body?: Record<string, unknown>;
  bodyAbsent: string[];
  bodyContains: string[];
  /** Header name -> exact string or matcher object. */
  headers?: Record<string, unknown>;
  timingMs?: TimingAssertion;
  /** ASSERT: exactly one of several fetches claimed a job. */
  exclusiveClaim?: unknown;
  /** ASSERT: JSONPath over the step results -> expected value (usually a template). */
  equality?: Record<string, unknown>;
  /** Prose `*_comment` expectations (`body_comment`, `headers_comment`): reported as not checked. */
  comments: { key: string; text: string }[];
  /** Assertion keys the harness does not know; reported as not checked. */
  unknownKeys: string[];
}

export interface ConformanceStep {
  id: string;
  action: StepAction;
  path?: string;
  headers: Record<string, string>;
  /** Whether the step has a JSON `body` (which may legitimately be null). */
  hasBody: boolean;
  body?: unknown;
  /** Sent verbatim instead of a JSON body (the reference runner ignores it). */
  rawBody?: string;
  delayMs: number;
  durationMs: number;
  parallelWith: string[];
  /** Send the request this many times; assertions apply to every response. */
  repeat: number;
  /** Variable name -> JSONPath into this step's response body. */
  capture: Record<string, string>;
  assertions?: StepAssertions;
  description?: string;
  intent?: string;
}

export interface ConformanceCase {
  testId: string;
  /** 0-4, or EXT_LEVEL (99) for `"ext"`. */
  level: number;
  category: string;
  name: string;
  description: string;
  specRef: string;
  tags: string[];
  preconditions?: string;
  /** Top-level directory under the suites dir, e.g. "level-0-core". */
  suite: string;
  /** Path relative to the suites dir, e.g. "level-0-core/envelope/valid-minimal-job.json". */
  file: string;
  setup: ConformanceStep[];
  steps: ConformanceStep[];
  teardown: ConformanceStep[];
  /** Reasons the harness cannot run this case faithfully; such a case is reported as skipped. */
  unsupported: string[];
  /** Sum of the case's own sleeps (delay_ms, WAIT durations), a lower bound on its wall-clock time. */
  declaredWaitMs: number;
}

const stringRecord = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

const rawStepSchema = z.looseObject({
  id: z.string().optional(),
  action: z.string().min(1),
  path: z.string().optional(),
  headers: stringRecord.optional(),
  body: z.unknown().optional(),
  raw_body: z.string().optional(),
  delay_ms: z.number().nonnegative().optional(),
  duration_ms: z.number().nonnegative().optional(),
  parallel_with: z.union([z.string(), z.array(z.string())]).optional(),
  repeat: z.number().int().min(1).optional(),
  capture: z.record(z.string(), z.string()).optional(),
  captures: z.record(z.string(), z.string()).optional(),
  store: z.record(z.string(), z.string()).optional(),
  assertions: z.record(z.string(), z.unknown()).optional(),
  expect: z.record(z.string(), z.unknown()).optional(),
  request: z.unknown().optional(),
  description: z.string().optional(),
  intent: z.string().optional(),
});
type RawStep = z.infer<typeof rawStepSchema>;

const stepListSchema = z.union([z.array(rawStepSchema), z.looseObject({ steps: z.array(rawStepSchema) })]);

export const rawCaseSchema = z.looseObject({
  test_id: z.string().min(1),
  level: z.union([z.number().int(), z.string()]),
  category: z.string().default(''),
  name: z.string().default(''),
  description: z.string().default(''),
  spec_ref: z.string().default(''),
  tags: z.array(z.string()).default([]),
  preconditions: z.string().optional(),
  setup: stepListSchema.optional(),
  steps: z.array(rawStepSchema),
  teardown: stepListSchema.optional(),
});
export type RawConformanceCase = z.infer<typeof rawCaseSchema>;

/** Parses a case `level`: integers stay, "ext" becomes EXT_LEVEL, numeric strings are parsed. */
export function parseLevel(level: number | string): number {
  if (typeof level === 'number') return level;
  if (/^\d+$/.test(level.trim())) return Number(level.trim());
  return EXT_LEVEL;
}

const KNOWN_ASSERTION_KEYS = new Set([
  'status',
  'status_in',
  'status_one_of',
  'body',
  'body_absent',
  'body_contains',
  'headers',
  'timing_ms',
  'exclusive_claim',
  'equality',
]);

const numberArray = z.array(z.number().int());
const stringArray = z.array(z.string());
const timingSchema = z.object({
  less_than: z.number().optional(),
  greater_than: z.number().optional(),
  approximate: z.number().optional(),
});

function normalizeAssertions(raw: Record<string, unknown>, dialect: 'assertions' | 'expect'): StepAssertions {
  const out: StepAssertions = { bodyAbsent: [], bodyContains: [], comments: [], unknownKeys: [] };
  const body: Record<string, unknown> = {};
  let hasBody = false;
  for (const [key, value] of Object.entries(raw)) {
    if (key.endsWith('_comment')) {
      out.comments.push({ key, text: typeof value === 'string' ? value : JSON.stringify(value) });
      continue;
    }
    if (dialect === 'expect' && (key.startsWith('body.') || key.startsWith('body['))) {
      body[`$${key.slice('body'.length)}`] = value;
      hasBody = true;
      continue;
    }
    if (!KNOWN_ASSERTION_KEYS.has(key)) {
      out.unknownKeys.push(key);
      continue;
    }
    switch (key) {
      case 'status':
        out.status = value;
        break;
      case 'status_in':
      case 'status_one_of': {
        const parsed = numberArray.safeParse(value);
        if (parsed.success) out.statusIn = parsed.data;
        else out.unknownKeys.push(`${key} (not an array of integers)`);
        break;
      }
      case 'body': {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          for (const [path, matcher] of Object.entries(value)) {
            // In the `expect` dialect, body keys may be relative ("state") rather than "$.state".
            body[dialect === 'expect' && !path.startsWith('$') ? `$.${path}` : path] = matcher;
          }
          hasBody = true;
        } else out.unknownKeys.push('body (not an object of JSONPath -> matcher)');
        break;
      }
      case 'body_absent':
      case 'body_contains': {
        const parsed = stringArray.safeParse(value);
        if (!parsed.success) out.unknownKeys.push(`${key} (not an array of strings)`);
        else if (key === 'body_absent') out.bodyAbsent = parsed.data;
        else out.bodyContains = parsed.data;
        break;
      }
      case 'headers':
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          out.headers = value as Record<string, unknown>;
        else out.unknownKeys.push('headers (not an object)');
        break;
      case 'timing_ms': {
        const parsed = timingSchema.safeParse(value);
        if (parsed.success)
          out.timingMs = {
            lessThan: parsed.data.less_than,
            greaterThan: parsed.data.greater_than,
            approximate: parsed.data.approximate,
          };
        else out.unknownKeys.push('timing_ms (malformed)');
        break;
      }
      case 'exclusive_claim':
        out.exclusiveClaim = value;
        break;
      case 'equality':
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          out.equality = value as Record<string, unknown>;
        else out.unknownKeys.push('equality (not an object)');
        break;
    }
  }
  if (hasBody) out.body = body;
  return out;
}

function normalizeStep(raw: RawStep, index: number, unsupported: string[]): ConformanceStep {
  const id = raw.id ?? `step-${index + 1}`;
  const upper = raw.action.toUpperCase();
  let action: StepAction;
  if (upper === 'WAIT' || upper === 'ASSERT') action = upper;
  else if ((HTTP_ACTIONS as readonly string[]).includes(upper) && raw.path !== undefined)
    action = upper as HttpAction;
  else {
    unsupported.push(
      `step ${id}: action ${JSON.stringify(raw.action)}${raw.path === undefined ? ' without a path' : ''} has no defined HTTP mapping`,
    );
    action = 'WAIT';
  }
  if (raw.request !== undefined && raw.path === undefined && action !== 'WAIT' && action !== 'ASSERT')
    unsupported.push(`step ${id}: a "request" object without a path has no defined HTTP mapping`);
  const assertionsRaw = raw.assertions ?? raw.expect;
  const capture = { ...raw.store, ...raw.captures, ...raw.capture };
  const step: ConformanceStep = {
    id,
    action,
    path: raw.path,
    headers: raw.headers ?? {},
    hasBody: Object.hasOwn(raw, 'body'),
    body: raw.body,
    rawBody: raw.raw_body,
    delayMs: raw.delay_ms ?? 0,
    durationMs: raw.duration_ms ?? 0,
    parallelWith:
      raw.parallel_with === undefined
        ? []
        : Array.isArray(raw.parallel_with)
          ? raw.parallel_with
          : [raw.parallel_with],
    repeat: raw.repeat ?? 1,
    capture,
    description: raw.description,
    intent: raw.intent,
  };
  if (assertionsRaw)
    step.assertions = normalizeAssertions(assertionsRaw, raw.assertions ? 'assertions' : 'expect');
  return step;
}

function stepList(raw: z.infer<typeof stepListSchema> | undefined): RawStep[] {
  if (!raw) return [];
  return Array.isArray(raw) ? raw : raw.steps;
}

function waitOf(step: ConformanceStep): number {
  if (step.action === 'WAIT') return step.durationMs > 0 ? step.durationMs : step.delayMs;
  return step.delayMs * step.repeat;
}

/**
 * Sum of the sleeps a case declares (parallel groups counted once, by their longest member), a lower bound
 * on the time it needs.
 */
export function declaredWaitOf(steps: readonly ConformanceStep[]): number {
  let total = 0;
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.id)) continue;
    const group = steps.filter(
      (s) => s === step || step.parallelWith.includes(s.id) || s.parallelWith.includes(step.id),
    );
    group.forEach((s) => seen.add(s.id));
    total += Math.max(...group.map(waitOf));
  }
  return total;
}

/** Validates one case file's JSON and normalises it. Throws a ZodError on a malformed file. */
export function normalizeCase(json: unknown, location: { suite: string; file: string }): ConformanceCase {
  const raw = rawCaseSchema.parse(json);
  const unsupported: string[] = [];
  const norm = (list: RawStep[]) => list.map((s, i) => normalizeStep(s, i, unsupported));
  const setup = norm(stepList(raw.setup));
  const steps = norm(raw.steps);
  const teardown = norm(stepList(raw.teardown));
  const ids = new Set<string>();
  for (const s of [...setup, ...steps, ...teardown]) {
    if (ids.has(s.id)) unsupported.push(`duplicate step id ${JSON.stringify(s.id)}`);
    ids.add(s.id);
    for (const other of s.parallelWith)
      if (!steps.some((t) => t.id === other))
        unsupported.push(`step ${s.id}: parallel_with names unknown step ${other}`);
  }
  const c: ConformanceCase = {
    testId: raw.test_id,
    level: parseLevel(raw.level),
    category: raw.category,
    name: raw.name,
    description: raw.description,
    specRef: raw.spec_ref,
    tags: raw.tags,
    suite: location.suite,
    file: location.file,
    setup,
    steps,
    teardown,
    unsupported,
    declaredWaitMs: declaredWaitOf(setup) + declaredWaitOf(steps) + declaredWaitOf(teardown),
  };
  if (raw.preconditions !== undefined) c.preconditions = raw.preconditions;
  return c;
}
