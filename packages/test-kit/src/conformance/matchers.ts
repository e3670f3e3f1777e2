/**
 * Matchers of the OJS conformance DSL (`docs/test-case-reference.md`), evaluated against a JSONPath result.
 *
 * A matcher returns `null` when it passes, or a one-line reason when it fails.
 *
 * Interpretation (compatible with the reference Go runner where it is well defined, stricter where it is not):
 * - Missing and `null` are the same for presence checks: `absent`, `{"$exists": false}`, a `null` literal and
 *   `body_absent` accept a missing field or a JSON null; `exists`, `{"$exists": true}` and `any` need a
 *   present, non-null value. (The reference doc says `exists` may be null; the Go runner, which the suites were
 *   validated against, rejects null. We follow the runner.)
 * - Literals: strings compare exactly (the actual value must be a string); numbers compare exactly when both
 *   are integers, otherwise within 1e-9; booleans exactly. An array literal matches positionally with the
 *   same length, each element being itself a matcher.
 * - String matchers: `string:nonempty|non_empty|uuid|uuidv7|datetime`, `string:contains:X`,
 *   `string:pattern(re)`, `number:positive|non_negative|range(a,b)`, `~N` (within tolerancePct of N, default
 *   50%), `array:empty|nonempty|length:N|length(N)|min_length:N|min:N`, `contains:X` / `not_contains:X` (an
 *   array element whose Go `%v` form equals X). Any other string is a literal.
 * - Object matchers: every operator present must hold (the Go runner only looks at the first one it knows):
 *   `$exists` (+ `$type`), `$type` alone (the value must be present and of that JSON type: string, number,
 *   integer, boolean, null, array, object), `$match` (regex on a string), `$in` / `$or` (any alternative, each a
 *   matcher), `$size` (array length: N or `{"$gte": N, ...}`), `$gt|$gte|$lt|$lte|$eq|$ne` (numbers),
 *   `$empty` (true: missing, null, "", [] or {}), `range: {min?, max?}` (numbers, inclusive).
 *   An unknown `$operator` fails loudly rather than passing. An object without operators matches a JSON
 *   object that has every listed key matching its sub-matcher (extra keys allowed), as the Go runner does.
 */

import { formatGoFloat, formatGoValue } from './goFormat';
import { type JsonPathResult } from './jsonPath';

export interface MatchOptions {
  /** Tolerance for `~N` matchers, in percent of N. Default 50, as the reference runner. */
  tolerancePct?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER_RANGE = /^number:range\((-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)\)$/;
const ARRAY_LENGTH_CALL = /^array:length\((\d+)\)$/;
const APPROX = /^~(\d+(?:\.\d+)?)$/;

const COMPARISON_OPERATORS = ['$gt', '$gte', '$lt', '$lte', '$eq', '$ne'] as const;
const KNOWN_OPERATORS = new Set([
  '$exists',
  '$type',
  '$match',
  '$in',
  '$or',
  '$size',
  '$empty',
  ...COMPARISON_OPERATORS,
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON type name of a value, as `$type` uses it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'bigint') return 'number';
  return typeof value;
}

/** A present value, as a JSONPath result. */
export function found(value: unknown): JsonPathResult {
  return { found: true, value };
}

/** A short JSON rendering of a value for failure messages. */
export function describeValue(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Like describeValue, but says "(missing)" for a path that did not resolve. */
export function describeResult(result: JsonPathResult, max = 200): string {
  return result.found ? describeValue(result.value, max) : '(missing)';
}

function present(actual: JsonPathResult): boolean {
  return actual.found && actual.value !== null && actual.value !== undefined;
}

function numbersEqual(expected: number, actual: number): boolean {
  if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual;
  return Math.abs(expected - actual) <= 1e-9;
}

/** Deep structural equality of two JSON values (numbers within the literal tolerance). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return numbersEqual(a, b);
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Where two JSON values first differ, as a path suffix (".job.attempt", "[2]", "" for the root) with both
 * sides; null when they are equal (by jsonEqual).
 */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  at = '',
): { path: string; expected: unknown; actual: unknown } | null {
  if (jsonEqual(expected, actual)) return null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length)
      return { path: `${at}.length`, expected: expected.length, actual: actual.length };
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${at}[${i}]`);
      if (d) return d;
    }
  }
  if (isRecord(expected) && isRecord(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const child = `${at}.${key}`;
      if (!Object.hasOwn(actual, key)) return { path: child, expected: expected[key], actual: undefined };
      if (!Object.hasOwn(expected, key)) return { path: child, expected: undefined, actual: actual[key] };
      const d = firstDifference(expected[key], actual[key], child);
      if (d) return d;
    }
  }
  return { path: at, expected, actual };
}

/**
 * Evaluates `matcher` against a JSONPath result (use `found(value)` for a plain value).
 * Returns null when it matches, else the reason it does not.
 */
export function matchValue(
  matcher: unknown,
  result: JsonPathResult,
  options: MatchOptions = {},
): string | null {
  if (matcher === null) {
    return present(result) ? `expected null or missing, got ${describeResult(result)}` : null;
  }
  if (typeof matcher === 'string') return matchString(matcher, result, options);
  if (typeof matcher === 'number') {
    if (!result.found) return `expected ${formatGoFloat(matcher)}, field is missing`;
    if (typeof result.value !== 'number')
      return `expected number ${formatGoFloat(matcher)}, got ${describeResult(result)}`;
    return numbersEqual(matcher, result.value)
      ? null
      : `expected ${formatGoFloat(matcher)}, got ${describeResult(result)}`;
  }
  if (typeof matcher === 'boolean') {
    if (!result.found) return `expected ${String(matcher)}, field is missing`;
    return result.value === matcher ? null : `expected ${String(matcher)}, got ${describeResult(result)}`;
  }
  if (Array.isArray(matcher)) return matchArrayLiteral(matcher, result, options);
  if (isRecord(matcher)) return matchObject(matcher, result, options);
  return `unsupported matcher ${describeValue(matcher)}`;
}

function requireString(label: string, actual: JsonPathResult): string | { error: string } {
  if (typeof actual.value === 'string' && actual.found) return actual.value;
  return {
    error: `expected ${label}, got ${actual.found ? jsonTypeOf(actual.value) : 'missing'} ${describeResult(actual)}`,
  };
}

function requireNumber(label: string, actual: JsonPathResult): number | { error: string } {
  if (typeof actual.value === 'number' && actual.found) return actual.value;
  return {
    error: `expected ${label}, got ${actual.found ? jsonTypeOf(actual.value) : 'missing'} ${describeResult(actual)}`,
  };
}

function requireArray(label: string, actual: JsonPathResult): unknown[] | { error: string } {
  if (Array.isArray(actual.value) && actual.found) return actual.value as unknown[];
  return {
    error: `expected ${label}, got ${actual.found ? jsonTypeOf(actual.value) : 'missing'} ${describeResult(actual)}`,
  };
}

function matchString(matcher: string, actual: JsonPathResult, options: MatchOptions): string | null {
  switch (matcher) {
    case 'any':
    case 'exists':
      return present(actual) ? null : `expected a value, got ${actual.found ? 'null' : 'missing'}`;
    case 'absent':
      return present(actual) ? `expected the field to be absent, got ${describeResult(actual)}` : null;
    case 'string:nonempty':
    case 'string:non_empty': {
      const s = requireString('a non-empty string', actual);
      if (typeof s !== 'string') return s.error;
      return s === '' ? 'expected a non-empty string, got ""' : null;
    }
    case 'string:uuid':
    case 'string:uuidv7':
    case 'string:datetime': {
      const label =
        matcher === 'string:datetime'
          ? 'an RFC 3339 datetime'
          : matcher === 'string:uuid'
            ? 'a UUID'
            : 'a UUIDv7';
      const s = requireString(label, actual);
      if (typeof s !== 'string') return s.error;
      const re = matcher === 'string:datetime' ? DATETIME : matcher === 'string:uuid' ? UUID : UUID_V7;
      return re.test(s) ? null : `expected ${label}, got ${JSON.stringify(s)}`;
    }
    case 'number:positive':
    case 'number:non_negative': {
      const label = matcher === 'number:positive' ? 'a positive number' : 'a non-negative number';
      const n = requireNumber(label, actual);
      if (typeof n !== 'number') return n.error;
      const ok = matcher === 'number:positive' ? n > 0 : n >= 0;
      return ok ? null : `expected ${label}, got ${formatGoFloat(n)}`;
    }
    case 'array:empty':
    case 'array:nonempty': {
      const empty = matcher === 'array:empty';
      const arr = requireArray(empty ? 'an empty array' : 'a non-empty array', actual);
      if (!Array.isArray(arr)) return arr.error;
      if (empty && arr.length > 0) return `expected an empty array, got ${arr.length} element(s)`;
      if (!empty && arr.length === 0) return 'expected a non-empty array, got []';
      return null;
    }
  }

  const lengthRule = parseArrayLengthRule(matcher);
  if (lengthRule) {
    const label = lengthRule.exact
      ? `an array of length ${lengthRule.n}`
      : `an array of at least ${lengthRule.n}`;
    const arr = requireArray(label, actual);
    if (!Array.isArray(arr)) return arr.error;
    const ok = lengthRule.exact ? arr.length === lengthRule.n : arr.length >= lengthRule.n;
    return ok ? null : `expected ${label}, got length ${arr.length}`;
  }

  for (const prefix of ['contains:', 'not_contains:'] as const) {
    if (!matcher.startsWith(prefix)) continue;
    const target = matcher.slice(prefix.length);
    const arr = requireArray(`an array for ${prefix}`, actual);
    if (!Array.isArray(arr)) return arr.error;
    const hit = arr.some((item) => formatGoValue(item) === target);
    if (prefix === 'contains:')
      return hit
        ? null
        : `expected the array to contain ${JSON.stringify(target)}, got ${describeResult(actual)}`;
    return hit
      ? `expected the array not to contain ${JSON.stringify(target)}, got ${describeResult(actual)}`
      : null;
  }

  if (matcher.startsWith('string:contains:')) {
    const sub = matcher.slice('string:contains:'.length);
    const s = requireString(`a string containing ${JSON.stringify(sub)}`, actual);
    if (typeof s !== 'string') return s.error;
    return s.includes(sub)
      ? null
      : `expected a string containing ${JSON.stringify(sub)}, got ${JSON.stringify(s)}`;
  }

  const range = NUMBER_RANGE.exec(matcher);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    const n = requireNumber(`a number in [${lo}, ${hi}]`, actual);
    if (typeof n !== 'number') return n.error;
    return n >= lo && n <= hi ? null : `expected a number in [${lo}, ${hi}], got ${formatGoFloat(n)}`;
  }

  const approx = APPROX.exec(matcher);
  if (approx) {
    const expected = Number(approx[1]);
    const tolerance = (expected * (options.tolerancePct ?? 50)) / 100;
    const n = requireNumber(`~${formatGoFloat(expected)}`, actual);
    if (typeof n !== 'number') return n.error;
    return Math.abs(n - expected) <= tolerance
      ? null
      : `expected ${formatGoFloat(expected)} ± ${formatGoFloat(tolerance)}, got ${formatGoFloat(n)}`;
  }

  if (matcher.startsWith('string:pattern(') && matcher.endsWith(')')) {
    const pattern = matcher.slice('string:pattern('.length, -1);
    return matchRegex(pattern, actual);
  }

  const s = requireString(`the string ${JSON.stringify(matcher)}`, actual);
  if (typeof s !== 'string') return s.error;
  return s === matcher ? null : `expected ${JSON.stringify(matcher)}, got ${JSON.stringify(s)}`;
}

function parseArrayLengthRule(matcher: string): { n: number; exact: boolean } | null {
  const call = ARRAY_LENGTH_CALL.exec(matcher);
  if (call) return { n: Number(call[1]), exact: true };
  for (const [prefix, exact] of [
    ['array:min_length:', false],
    ['array:min:', false],
    ['array:length:', true],
  ] as const) {
    if (matcher.startsWith(prefix)) {
      const text = matcher.slice(prefix.length);
      if (/^\d+$/.test(text)) return { n: Number(text), exact };
    }
  }
  return null;
}

function matchRegex(pattern: string, actual: JsonPathResult): string | null {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (err) {
    return `invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`;
  }
  const s = requireString(`a string matching /${pattern}/`, actual);
  if (typeof s !== 'string') return s.error;
  return re.test(s) ? null : `expected a string matching /${pattern}/, got ${JSON.stringify(s)}`;
}

function matchArrayLiteral(matcher: unknown[], actual: JsonPathResult, options: MatchOptions): string | null {
  const arr = requireArray(`an array of ${matcher.length} element(s)`, actual);
  if (!Array.isArray(arr)) return arr.error;
  if (arr.length !== matcher.length)
    return `expected an array of ${matcher.length} element(s), got ${arr.length}: ${describeResult(actual)}`;
  for (let i = 0; i < matcher.length; i++) {
    const reason = matchValue(matcher[i], found(arr[i]), options);
    if (reason) return `[${i}]: ${reason}`;
  }
  return null;
}

function compareNumber(op: string, limit: unknown, actual: JsonPathResult): string | null {
  if (typeof limit !== 'number') return `${op} needs a number, got ${describeValue(limit)}`;
  const n = requireNumber(`a number for ${op} ${formatGoFloat(limit)}`, actual);
  if (typeof n !== 'number') return n.error;
  const ok =
    op === '$gt'
      ? n > limit
      : op === '$gte'
        ? n >= limit
        : op === '$lt'
          ? n < limit
          : op === '$lte'
            ? n <= limit
            : op === '$eq'
              ? numbersEqual(limit, n)
              : !numbersEqual(limit, n);
  return ok ? null : `expected ${op} ${formatGoFloat(limit)}, got ${formatGoFloat(n)}`;
}

function isEmptyValue(actual: JsonPathResult): boolean {
  if (!present(actual)) return true;
  const v = actual.value;
  if (v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v)) return Object.keys(v).length === 0;
  return false;
}

function isRangeOperator(matcher: Record<string, unknown>): boolean {
  const keys = Object.keys(matcher);
  const range = matcher.range;
  return (
    keys.length === 1 &&
    isRecord(range) &&
    Object.keys(range).length > 0 &&
    Object.keys(range).every((k) => k === 'min' || k === 'max')
  );
}

function matchObject(
  matcher: Record<string, unknown>,
  actual: JsonPathResult,
  options: MatchOptions,
): string | null {
  const keys = Object.keys(matcher);
  if (isRangeOperator(matcher)) {
    const range = matcher.range as { min?: unknown; max?: unknown };
    const n = requireNumber('a number for range', actual);
    if (typeof n !== 'number') return n.error;
    if (typeof range.min === 'number' && n < range.min)
      return `expected >= ${formatGoFloat(range.min)}, got ${formatGoFloat(n)}`;
    if (typeof range.max === 'number' && n > range.max)
      return `expected <= ${formatGoFloat(range.max)}, got ${formatGoFloat(n)}`;
    return null;
  }

  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return matchSubset(matcher, actual, options);
  const unknown = operators.filter((k) => !KNOWN_OPERATORS.has(k));
  if (unknown.length > 0) return `unknown matcher operator(s) ${unknown.join(', ')}`;
  if (operators.length !== keys.length)
    return `matcher mixes operators and plain keys: ${keys.filter((k) => !k.startsWith('$')).join(', ')}`;

  if ('$exists' in matcher) {
    const want = matcher.$exists;
    if (typeof want !== 'boolean') return `$exists needs true or false, got ${describeValue(want)}`;
    if (want && !present(actual))
      return `expected the field to exist, got ${actual.found ? 'null' : 'missing'}`;
    if (!want)
      return present(actual) ? `expected the field not to exist, got ${describeResult(actual)}` : null;
  }
  if ('$type' in matcher) {
    const want = matcher.$type;
    if (!actual.found) return `expected a value of type ${String(want)}, field is missing`;
    const got = jsonTypeOf(actual.value);
    const ok = want === 'integer' ? Number.isInteger(actual.value) : got === want;
    if (!ok) return `expected type ${String(want)}, got ${got} ${describeResult(actual)}`;
  }
  if ('$match' in matcher) {
    if (typeof matcher.$match !== 'string')
      return `$match needs a string, got ${describeValue(matcher.$match)}`;
    const reason = matchRegex(matcher.$match, actual);
    if (reason) return reason;
  }
  for (const op of ['$in', '$or'] as const) {
    if (!(op in matcher)) continue;
    const alternatives = matcher[op];
    if (!Array.isArray(alternatives)) return `${op} needs an array, got ${describeValue(alternatives)}`;
    const hit = (alternatives as unknown[]).some((alt) => matchValue(alt, actual, options) === null);
    if (!hit) return `${describeResult(actual)} matches none of ${op} ${describeValue(alternatives)}`;
  }
  if ('$size' in matcher) {
    const want = matcher.$size;
    const arr = requireArray('an array for $size', actual);
    if (!Array.isArray(arr)) return arr.error;
    if (typeof want === 'number') {
      if (arr.length !== want) return `expected an array of size ${want}, got ${arr.length}`;
    } else if (isRecord(want)) {
      const reason = matchValue(want, found(arr.length), options);
      if (reason) return `array size: ${reason}`;
    } else return `$size needs a number or a comparison, got ${describeValue(want)}`;
  }
  for (const op of COMPARISON_OPERATORS) {
    if (!(op in matcher)) continue;
    const reason = compareNumber(op, matcher[op], actual);
    if (reason) return reason;
  }
  if ('$empty' in matcher) {
    const empty = isEmptyValue(actual);
    if (matcher.$empty === true && !empty) return `expected an empty value, got ${describeResult(actual)}`;
    if (matcher.$empty === false && empty) return `expected a non-empty value, got ${describeResult(actual)}`;
  }
  return null;
}

function matchSubset(
  matcher: Record<string, unknown>,
  actual: JsonPathResult,
  options: MatchOptions,
): string | null {
  if (!actual.found || !isRecord(actual.value)) return `expected an object, got ${describeResult(actual)}`;
  const obj = actual.value;
  for (const [key, sub] of Object.entries(matcher)) {
    const child: JsonPathResult = Object.hasOwn(obj, key)
      ? { found: true, value: obj[key] }
      : { found: false, value: undefined };
    const reason = matchValue(sub, child, options);
    if (reason) return `.${key}: ${reason}`;
  }
  return null;
}
