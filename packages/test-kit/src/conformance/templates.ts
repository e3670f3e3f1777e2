/**
 * Template references of the conformance DSL.
 *
 * - `{{steps.<stepId>.response.body}}`, `{{steps.<stepId>.response.body.<path>}}` (the path may use the
 *   JSONPath subset: `jobs[0].id`), `{{steps.<stepId>.response.status}}`,
 *   `{{steps.<stepId>.response.headers.<name>}}`
 * - `{{name}}` and `${name}`: a variable captured by an earlier step's `capture` / `captures` / `store`
 *
 * A string that is exactly one template resolves to the referenced value with its JSON type kept (so
 * `"fetches": ["{{steps.s2.response.body.jobs}}"]` yields the array). A template embedded in a longer string
 * is interpolated: strings as-is, whole numbers without decimals, other numbers in Go `%v` form, objects and
 * arrays as JSON. A reference that does not resolve (unknown step, missing path, or null, as in the reference
 * runner) is left as literal text and reported in `unresolved`.
 */

import { formatGoFloat } from './goFormat';
import { resolveJsonPath } from './jsonPath';

/** What a finished step exposes to later templates. */
export interface StepResponse {
  status: number;
  /** Response headers, names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  /** Raw body text. */
  text: string;
}

export interface TemplateScope {
  steps: ReadonlyMap<string, StepResponse>;
  vars: ReadonlyMap<string, unknown>;
}

export interface Resolved<T = unknown> {
  value: T;
  /** Template references that could not be resolved (left as literal text). */
  unresolved: string[];
}

const TEMPLATE =
  /\{\{\s*steps\.([^.}\s]+)\.response\.(body|status|headers)(?:\.([^}]*?))?\s*\}\}|\{\{\s*([A-Za-z_][\w-]*)\s*\}\}|\$\{([A-Za-z_][\w-]*)\}/g;

/** True when the string holds at least one template reference. */
export function hasTemplate(input: string): boolean {
  TEMPLATE.lastIndex = 0;
  const hit = TEMPLATE.test(input);
  TEMPLATE.lastIndex = 0;
  return hit;
}

function lookup(
  scope: TemplateScope,
  stepId: string | undefined,
  part: string | undefined,
  path: string | undefined,
  varName: string | undefined,
): { ok: true; value: unknown } | { ok: false } {
  if (varName !== undefined) {
    if (!scope.vars.has(varName)) return { ok: false };
    const value = scope.vars.get(varName);
    return value === null || value === undefined ? { ok: false } : { ok: true, value };
  }
  const step = stepId === undefined ? undefined : scope.steps.get(stepId);
  if (!step) return { ok: false };
  let value: unknown;
  if (part === 'status') {
    if (path) return { ok: false };
    value = step.status;
  } else if (part === 'headers') {
    if (!path) value = step.headers;
    else value = step.headers[path.toLowerCase()];
  } else if (!path) {
    value = step.body;
  } else {
    try {
      const r = resolveJsonPath(step.body, path);
      value = r.found ? r.value : undefined;
    } catch {
      return { ok: false };
    }
  }
  return value === null || value === undefined ? { ok: false } : { ok: true, value };
}

function interpolate(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : formatGoFloat(value);
  return JSON.stringify(value);
}

/** Resolves the templates in one string. */
export function resolveTemplateString(input: string, scope: TemplateScope): Resolved {
  const unresolved: string[] = [];
  TEMPLATE.lastIndex = 0;
  const whole = new RegExp(`^(?:${TEMPLATE.source})$`).exec(input);
  if (whole) {
    const r = lookup(scope, whole[1], whole[2], whole[3], whole[4] ?? whole[5]);
    if (r.ok) return { value: r.value, unresolved };
    return { value: input, unresolved: [input] };
  }
  const value = input.replace(
    TEMPLATE,
    (match: string, stepId?: string, part?: string, path?: string, v1?: string, v2?: string) => {
      const r = lookup(scope, stepId, part, path, v1 ?? v2);
      if (r.ok) return interpolate(r.value);
      unresolved.push(match);
      return match;
    },
  );
  return { value, unresolved };
}

/** Resolves templates in a string used as text (a URL path, a JSONPath key): always returns a string. */
export function interpolateTemplates(input: string, scope: TemplateScope): Resolved<string> {
  const r = resolveTemplateString(input, scope);
  return { value: typeof r.value === 'string' ? r.value : interpolate(r.value), unresolved: r.unresolved };
}

/** Resolves templates everywhere in a JSON value: string values and object keys. */
export function resolveTemplates(input: unknown, scope: TemplateScope): Resolved {
  const unresolved: string[] = [];
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const r = resolveTemplateString(value, scope);
      unresolved.push(...r.unresolved);
      return r.value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const key = interpolateTemplates(k, scope);
        unresolved.push(...key.unresolved);
        out[key.value] = walk(v);
      }
      return out;
    }
    return value;
  };
  return { value: walk(input), unresolved };
}
