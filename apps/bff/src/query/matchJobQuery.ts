import type { JobQuery, PathCondition, PriorityComparison } from './parseJobQuery';

/** The job fields a query can look at (wire names). Anything missing simply does not match. */
export interface MatchableJob {
  cluster?: string | undefined;
  id: string;
  type: string;
  queue: string;
  state: string;
  priority?: number | undefined;
  worker_id?: string | undefined;
  workflow_id?: string | undefined;
  tags?: readonly string[] | undefined;
  args?: unknown;
  meta?: unknown;
  error?: unknown;
  errors?: readonly unknown[] | undefined;
}

function lower(value: string): string {
  return value.toLowerCase();
}

/** `email.*` matches a prefix; otherwise exact (case-insensitive). */
export function matchesTypePattern(type: string, pattern: string): boolean {
  const t = lower(type);
  const p = lower(pattern);
  if (p.endsWith('*')) return t.startsWith(p.slice(0, -1));
  return t === p;
}

function getPath(root: unknown, path: string): unknown {
  let current = root;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) {
      const index = Number(part);
      if (!Number.isInteger(index)) return undefined;
      current = current[index] as unknown;
    } else if (current !== null && typeof current === 'object') {
      current = (current as Record<string, unknown>)[part];
    } else {
      return undefined;
    }
  }
  return current;
}

function scalarMatches(actual: unknown, expected: string): boolean {
  if (actual === undefined) return false;
  if (expected === '*') return true;
  if (actual === null) return expected === 'null';
  if (typeof actual === 'string') {
    return expected.endsWith('*')
      ? lower(actual).startsWith(lower(expected.slice(0, -1)))
      : actual === expected;
  }
  if (typeof actual === 'number') return Number(expected) === actual && expected.trim() !== '';
  if (typeof actual === 'boolean') return String(actual) === lower(expected);
  if (Array.isArray(actual)) return actual.some((item) => scalarMatches(item, expected));
  return false;
}

/** For args, a path that is not found at the root is also looked up in the first object argument. */
function pathMatches(root: unknown, condition: PathCondition, searchFirstObject: boolean): boolean {
  let actual = getPath(root, condition.path);
  if (actual === undefined && searchFirstObject && Array.isArray(root)) {
    const firstObject = root.find((item): item is object => item !== null && typeof item === 'object');
    if (firstObject !== undefined) actual = getPath(firstObject, condition.path);
  }
  const hit = condition.values.some((value) => scalarMatches(actual, value));
  return condition.negated ? !hit : hit;
}

function priorityMatches(priority: number | undefined, cmp: PriorityComparison): boolean {
  if (priority === undefined) return false;
  switch (cmp.op) {
    case '=':
      return priority === cmp.value;
    case '>':
      return priority > cmp.value;
    case '>=':
      return priority >= cmp.value;
    case '<':
      return priority < cmp.value;
    case '<=':
      return priority <= cmp.value;
  }
}

function errorTexts(job: MatchableJob): string[] {
  const out: string[] = [];
  const add = (err: unknown): void => {
    if (err === null || typeof err !== 'object') {
      if (typeof err === 'string') out.push(lower(err));
      return;
    }
    const record = err as Record<string, unknown>;
    for (const key of ['code', 'type', 'message']) {
      const value = record[key];
      if (typeof value === 'string') out.push(lower(value));
    }
  };
  add(job.error);
  job.errors?.forEach(add);
  return out;
}

function errorMatches(job: MatchableJob, needle: string): boolean {
  const n = lower(needle);
  return errorTexts(job).some((text) => text.includes(n));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function textMatches(job: MatchableJob, needle: string): boolean {
  const n = lower(needle);
  if (lower(job.id).includes(n) || lower(job.type).includes(n) || lower(job.queue).includes(n)) return true;
  if (errorMatches(job, needle)) return true;
  if (job.args !== undefined && lower(safeJson(job.args)).includes(n)) return true;
  return job.tags?.some((tag) => lower(tag).includes(n)) ?? false;
}

const any = (list: readonly string[], test: (value: string) => boolean): boolean => list.some(test);

/** True when the job satisfies every condition of the query. */
export function matchesJobQuery(job: MatchableJob, query: JobQuery): boolean {
  const eq = (actual: string | undefined) => (value: string) =>
    actual !== undefined && lower(actual) === lower(value);
  const idMatch = (value: string) => lower(job.id).startsWith(lower(value));
  const typeMatch = (value: string) => matchesTypePattern(job.type, value);
  const tagMatch = (value: string) => job.tags?.some((tag) => lower(tag) === lower(value)) ?? false;
  const errMatch = (value: string) => errorMatches(job, value);
  const txtMatch = (value: string) => textMatches(job, value);

  if (query.cluster.length > 0 && !any(query.cluster, eq(job.cluster))) return false;
  if (query.type.length > 0 && !any(query.type, typeMatch)) return false;
  if (query.queue.length > 0 && !any(query.queue, eq(job.queue))) return false;
  if (query.state.length > 0 && !any(query.state, eq(job.state))) return false;
  if (query.id.length > 0 && !any(query.id, idMatch)) return false;
  if (query.worker.length > 0 && !any(query.worker, eq(job.worker_id))) return false;
  if (query.workflow.length > 0 && !any(query.workflow, eq(job.workflow_id))) return false;
  if (query.tag.length > 0 && !any(query.tag, tagMatch)) return false;
  if (!query.error.every(errMatch)) return false;
  if (!query.text.every(txtMatch)) return false;
  if (!query.priority.every((cmp) => priorityMatches(job.priority, cmp))) return false;
  if (!query.args.every((cond) => pathMatches(job.args, cond, true))) return false;
  if (!query.meta.every((cond) => pathMatches(job.meta, cond, false))) return false;

  const ex = query.exclude;
  if (any(ex.cluster, eq(job.cluster))) return false;
  if (any(ex.type, typeMatch)) return false;
  if (any(ex.queue, eq(job.queue))) return false;
  if (any(ex.state, eq(job.state))) return false;
  if (any(ex.id, idMatch)) return false;
  if (any(ex.worker, eq(job.worker_id))) return false;
  if (any(ex.workflow, eq(job.workflow_id))) return false;
  if (any(ex.tag, tagMatch)) return false;
  if (any(ex.error, errMatch)) return false;
  if (any(ex.text, txtMatch)) return false;
  return true;
}
