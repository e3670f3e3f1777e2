/**
 * The JSONPath subset used by the OJS conformance cases.
 *
 * Supported:
 * - `$` (the root), `$.a.b`, and the same without the leading `$.` (`a.b`, as used by templates)
 * - `[N]` indices, chained (`$.m[0][1]`)
 * - `[*]` wildcard: collects the rest of the path from every element into a flat array; elements where the
 *   rest does not resolve (or resolves to null) are skipped
 * - `[?(@.key=='value')]` filter: the FIRST element whose `key` formats (Go `%v` style) to `value`;
 *   quotes around the value are optional, only `==` is supported
 * - `['key']` / `["key"]` bracket member access, for keys containing dots
 */

import { formatGoValue } from './goFormat';

export type JsonPathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; key: string; value: string };

export class JsonPathSyntaxError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`invalid JSONPath ${JSON.stringify(path)}: ${message}`);
    this.name = 'JsonPathSyntaxError';
  }
}

/** Parses a path of the supported subset into segments. Throws JsonPathSyntaxError on anything else. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  let rest = path.trim();
  if (rest === '$') return [];
  if (rest.startsWith('$.')) rest = rest.slice(2);
  else if (rest.startsWith('$[')) rest = rest.slice(1);
  const segments: JsonPathSegment[] = [];
  let i = 0;
  const readKey = (): string => {
    let key = '';
    while (i < rest.length && rest[i] !== '.' && rest[i] !== '[') key += rest[i++];
    return key;
  };
  let expectKey = true;
  while (i < rest.length) {
    const ch = rest[i];
    if (ch === '.') {
      if (expectKey) throw new JsonPathSyntaxError(path, `empty member name at offset ${i}`);
      i++;
      expectKey = true;
      continue;
    }
    if (ch === '[') {
      const close = findBracketEnd(rest, i);
      if (close < 0) throw new JsonPathSyntaxError(path, 'unclosed "["');
      const inner = rest.slice(i + 1, close);
      segments.push(parseBracket(path, inner));
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (!expectKey) throw new JsonPathSyntaxError(path, `unexpected character ${JSON.stringify(ch)} at ${i}`);
    const key = readKey();
    segments.push({ kind: 'key', key });
    expectKey = false;
  }
  if (expectKey && segments.length > 0) throw new JsonPathSyntaxError(path, 'path ends with "."');
  return segments;
}

function findBracketEnd(s: string, open: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function parseBracket(path: string, inner: string): JsonPathSegment {
  const trimmed = inner.trim();
  if (trimmed === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(trimmed)) return { kind: 'index', index: Number(trimmed) };
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  if (quoted) return { kind: 'key', key: quoted[2] ?? '' };
  const filter = /^\?\(\s*@\.([^=\s]+)\s*==\s*(.*?)\s*\)$/.exec(trimmed);
  if (filter) {
    const raw = filter[2] ?? '';
    const value = /^(['"])(.*)\1$/.exec(raw)?.[2] ?? raw;
    return { kind: 'filter', key: filter[1] ?? '', value };
  }
  throw new JsonPathSyntaxError(path, `unsupported bracket expression [${inner}]`);
}

/** `found: false` means the path does not lead to a value (missing key, index out of range, no filter match). */
export interface JsonPathResult {
  found: boolean;
  value: unknown;
}

const NOT_FOUND: JsonPathResult = { found: false, value: undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveSegments(current: unknown, segments: readonly JsonPathSegment[]): JsonPathResult {
  let value = current;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    if (!seg) break;
    switch (seg.kind) {
      case 'key': {
        if (!isRecord(value) || !Object.hasOwn(value, seg.key)) return NOT_FOUND;
        value = value[seg.key];
        break;
      }
      case 'index': {
        if (!Array.isArray(value)) return NOT_FOUND;
        const idx = seg.index < 0 ? value.length + seg.index : seg.index;
        if (idx < 0 || idx >= value.length) return NOT_FOUND;
        value = value[idx] as unknown;
        break;
      }
      case 'filter': {
        if (!Array.isArray(value)) return NOT_FOUND;
        const match = (value as unknown[]).find(
          (item) =>
            isRecord(item) && Object.hasOwn(item, seg.key) && formatGoValue(item[seg.key]) === seg.value,
        );
        if (match === undefined) return NOT_FOUND;
        value = match;
        break;
      }
      case 'wildcard': {
        if (!Array.isArray(value)) return NOT_FOUND;
        const rest = segments.slice(s + 1);
        const collected: unknown[] = [];
        for (const item of value as unknown[]) {
          const r = resolveSegments(item, rest);
          if (r.found && r.value !== null) collected.push(r.value);
        }
        return { found: true, value: collected };
      }
    }
  }
  return { found: true, value };
}

/** Resolves `path` against `root`. Throws JsonPathSyntaxError for paths outside the subset. */
export function resolveJsonPath(root: unknown, path: string | readonly JsonPathSegment[]): JsonPathResult {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  if (root === undefined) return NOT_FOUND;
  return resolveSegments(root, segments);
}
