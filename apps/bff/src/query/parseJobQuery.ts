/**
 * The qualifier search language of the job explorer, e.g.
 * `type:email.send queue:critical state:retryable args.user_id:42 error:"timed out" -queue:low free text`.
 *
 * Pure and dependency-light so that the SPA imports the same module for highlighting and autocomplete
 * that the BFF uses to filter. Every token keeps its source span; syntax errors carry the position.
 */
import { JOB_STATES, type JobState } from '@lookout/ojs-types';

/** Qualifiers with a fixed name. `args.<path>` and `meta.<path>` are qualifiers too (see {@link isPathKey}). */
export const QUERY_QUALIFIERS = [
  'cluster',
  'type',
  'queue',
  'state',
  'id',
  'worker',
  'workflow',
  'error',
  'tag',
  'priority',
] as const;
export type QueryQualifier = (typeof QUERY_QUALIFIERS)[number];

/** What each qualifier means, for autocomplete and help. */
export const QUERY_QUALIFIER_HELP: Readonly<Record<QueryQualifier | 'args.' | 'meta.', string>> = {
  cluster: 'cluster id',
  type: 'job type; a trailing * matches a prefix (email.*)',
  queue: 'queue name',
  state: `job state: ${JOB_STATES.join(', ')}`,
  id: 'job id or its prefix',
  worker: 'worker id that ran the job',
  workflow: 'workflow id',
  error: 'text in the error code, type or message',
  tag: 'job tag',
  priority: 'priority, exact (5) or compared (>0, <=-10)',
  'args.': 'a field of the job args, e.g. args.user_id:42 (args.0 for positional args)',
  'meta.': 'a field of the job meta, e.g. meta.tenant_id:acme',
};

export interface QuerySpan {
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset after the last character. */
  end: number;
}

export type QueryToken =
  | (QuerySpan & {
      kind: 'qualifier';
      negated: boolean;
      key: string;
      /** Span of the key alone (without `-` and `:`). */
      keySpan: QuerySpan;
      /** Span of the value part. */
      valueSpan: QuerySpan;
      /** Values of a comma list, unquoted. */
      values: string[];
    })
  | (QuerySpan & { kind: 'text'; negated: boolean; value: string });

export interface PriorityComparison {
  op: '=' | '>' | '>=' | '<' | '<=';
  value: number;
}

export interface PathCondition {
  /** Dotted path inside args or meta, e.g. `user_id` or `0.email`. */
  path: string;
  /** Accepted values (OR). */
  values: string[];
  negated: boolean;
}

/** The parsed query, as filters. Lists are OR within a qualifier and AND across qualifiers. */
export interface JobQuery {
  tokens: QueryToken[];
  cluster: string[];
  type: string[];
  queue: string[];
  state: JobState[];
  id: string[];
  worker: string[];
  workflow: string[];
  error: string[];
  tag: string[];
  priority: PriorityComparison[];
  args: PathCondition[];
  meta: PathCondition[];
  /** Free-text words and quoted phrases (matched against type, id, queue, error and args). */
  text: string[];
  /** Negated qualifiers and words: a job matching any of them is excluded. */
  exclude: {
    cluster: string[];
    type: string[];
    queue: string[];
    state: JobState[];
    id: string[];
    worker: string[];
    workflow: string[];
    error: string[];
    tag: string[];
    text: string[];
  };
}

export interface JobQuerySyntaxError {
  message: string;
  /** Offset where the problem is. */
  position: number;
  /** Length of the offending text (at least 1 unless at the end of input). */
  length: number;
}

export type JobQueryResult = { ok: true; query: JobQuery } | { ok: false; error: JobQuerySyntaxError };

const MAX_QUERY_LENGTH = 2000;
const PATH_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function isPathKey(key: string): key is `args.${string}` | `meta.${string}` {
  return key.startsWith('args.') || key.startsWith('meta.');
}

function emptyQuery(): JobQuery {
  return {
    tokens: [],
    cluster: [],
    type: [],
    queue: [],
    state: [],
    id: [],
    worker: [],
    workflow: [],
    error: [],
    tag: [],
    priority: [],
    args: [],
    meta: [],
    text: [],
    exclude: {
      cluster: [],
      type: [],
      queue: [],
      state: [],
      id: [],
      worker: [],
      workflow: [],
      error: [],
      tag: [],
      text: [],
    },
  };
}

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }
}

interface RawValue {
  values: string[];
  end: number;
}

/** Reads a value (comma list of bare or quoted parts) starting at `pos`. */
function readValue(input: string, pos: number): RawValue {
  const values: string[] = [];
  let i = pos;
  for (;;) {
    if (input[i] === '"') {
      const start = i;
      i++;
      let out = '';
      let closed = false;
      while (i < input.length) {
        const ch = input[i];
        if (ch === '\\' && i + 1 < input.length) {
          out += input[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          i++;
          break;
        }
        out += ch;
        i++;
      }
      if (!closed) throw new QuerySyntaxError('unterminated quote', start, input.length - start);
      values.push(out);
    } else {
      const start = i;
      while (i < input.length && !/\s/.test(input[i] ?? '') && input[i] !== ',' && input[i] !== '"') i++;
      values.push(input.slice(start, i));
    }
    if (input[i] === ',') {
      i++;
      continue;
    }
    if (i < input.length && !/\s/.test(input[i] ?? '')) {
      throw new QuerySyntaxError('unexpected character after value', i, 1);
    }
    return { values, end: i };
  }
}

const PRIORITY_PATTERN = /^(>=|<=|>|<|=)?(-?\d+)$/;

function addQualifier(query: JobQuery, token: Extract<QueryToken, { kind: 'qualifier' }>): void {
  const { key, values, negated, valueSpan } = token;
  values.forEach((value) => {
    if (value === '') {
      throw new QuerySyntaxError(
        `empty value for ${key}:`,
        valueSpan.start,
        Math.max(1, valueSpan.end - valueSpan.start),
      );
    }
  });
  if (isPathKey(key)) {
    const path = key.slice(5);
    if (!PATH_PATTERN.test(path)) {
      throw new QuerySyntaxError(`invalid field path "${key}"`, token.keySpan.start, key.length);
    }
    (key.startsWith('args.') ? query.args : query.meta).push({ path, values, negated });
    return;
  }
  switch (key as QueryQualifier) {
    case 'state': {
      const states: JobState[] = [];
      for (const value of values) {
        const lower = value.toLowerCase();
        if (!(JOB_STATES as readonly string[]).includes(lower)) {
          throw new QuerySyntaxError(
            `unknown state "${value}" (expected one of ${JOB_STATES.join(', ')})`,
            valueSpan.start,
            valueSpan.end - valueSpan.start,
          );
        }
        states.push(lower as JobState);
      }
      (negated ? query.exclude.state : query.state).push(...states);
      return;
    }
    case 'priority': {
      if (negated) {
        throw new QuerySyntaxError('priority cannot be negated; use a comparison', token.start, 1);
      }
      for (const value of values) {
        const match = PRIORITY_PATTERN.exec(value);
        if (!match) {
          throw new QuerySyntaxError(
            `invalid priority "${value}" (expected a number, optionally with > >= < <=)`,
            valueSpan.start,
            valueSpan.end - valueSpan.start,
          );
        }
        query.priority.push({ op: (match[1] ?? '=') as PriorityComparison['op'], value: Number(match[2]) });
      }
      return;
    }
    case 'cluster':
    case 'type':
    case 'queue':
    case 'id':
    case 'worker':
    case 'workflow':
    case 'error':
    case 'tag': {
      const list = key as Exclude<QueryQualifier, 'state' | 'priority'>;
      (negated ? query.exclude[list] : query[list]).push(...values);
      return;
    }
  }
}

/**
 * Parses a qualifier query. Never throws: a syntax error comes back with its position.
 * An empty or whitespace-only input is a valid empty query.
 */
export function parseJobQuery(input: string): JobQueryResult {
  if (input.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: {
        message: `query too long (${input.length} characters, at most ${MAX_QUERY_LENGTH})`,
        position: MAX_QUERY_LENGTH,
        length: input.length - MAX_QUERY_LENGTH,
      },
    };
  }
  const query = emptyQuery();
  let i = 0;
  try {
    while (i < input.length) {
      if (/\s/.test(input[i] ?? '')) {
        i++;
        continue;
      }
      const start = i;
      const negated = input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1] ?? '');
      if (negated) i++;
      if (input[i] === '"') {
        const { values, end } = readValue(input, i);
        if (values.length !== 1)
          throw new QuerySyntaxError('a quoted phrase cannot be a list', start, end - start);
        const value = values[0] ?? '';
        query.tokens.push({ kind: 'text', negated, value, start, end });
        if (value !== '') (negated ? query.exclude.text : query.text).push(value);
        i = end;
        continue;
      }
      const wordMatch = /^[A-Za-z][A-Za-z0-9_.-]*:/.exec(input.slice(i));
      if (wordMatch) {
        const key = wordMatch[0].slice(0, -1);
        const keySpan = { start: i, end: i + key.length };
        const known = (QUERY_QUALIFIERS as readonly string[]).includes(key) || isPathKey(key);
        if (!known) {
          throw new QuerySyntaxError(
            `unknown qualifier "${key}:" (known: ${QUERY_QUALIFIERS.join(', ')}, args.<field>, meta.<field>)`,
            keySpan.start,
            key.length,
          );
        }
        const valueStart = i + wordMatch[0].length;
        if (valueStart >= input.length || /\s/.test(input[valueStart] ?? '')) {
          throw new QuerySyntaxError(`missing value after ${key}:`, valueStart, 0);
        }
        const { values, end } = readValue(input, valueStart);
        const token: Extract<QueryToken, { kind: 'qualifier' }> = {
          kind: 'qualifier',
          negated,
          key,
          keySpan,
          valueSpan: { start: valueStart, end },
          values,
          start,
          end,
        };
        addQualifier(query, token);
        query.tokens.push(token);
        i = end;
        continue;
      }
      let end = i;
      while (end < input.length && !/\s/.test(input[end] ?? '')) {
        if (input[end] === '"') throw new QuerySyntaxError('unexpected quote inside a word', end, 1);
        end++;
      }
      const value = input.slice(i, end);
      query.tokens.push({ kind: 'text', negated, value, start, end });
      (negated ? query.exclude.text : query.text).push(value);
      i = end;
    }
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return { ok: false, error: { message: error.message, position: error.position, length: error.length } };
    }
    throw error;
  }
  return { ok: true, query };
}

/** True when the query has filters the upstream job list cannot apply (needs BFF-side matching). */
export function needsResidualMatching(query: JobQuery): boolean {
  return (
    query.type.length > 1 ||
    query.queue.length > 1 ||
    query.state.length > 1 ||
    query.id.length > 0 ||
    query.worker.length > 0 ||
    query.workflow.length > 0 ||
    query.error.length > 0 ||
    query.tag.length > 0 ||
    query.priority.length > 0 ||
    query.args.length > 0 ||
    query.meta.length > 0 ||
    query.text.length > 0 ||
    Object.values(query.exclude).some((list) => list.length > 0)
  );
}

/** True when matching the query needs the job's args, meta or errors (not present in list summaries). */
export function needsJobDetail(query: JobQuery): boolean {
  return (
    query.args.length > 0 ||
    query.meta.length > 0 ||
    query.error.length > 0 ||
    query.tag.length > 0 ||
    query.text.length > 0 ||
    query.exclude.error.length > 0 ||
    query.exclude.tag.length > 0 ||
    query.exclude.text.length > 0
  );
}

/** Renders a query back to text (canonical form), e.g. to put a parsed filter in a URL. */
export function formatQueryValue(value: string): string {
  return /[\s,"]/.test(value) || value === '' ? `"${value.replace(/["\\]/g, (ch) => `\\${ch}`)}"` : value;
}
