import { isRedacted } from './redaction.model';

/** A JSON value laid out as a tree of text nodes; the view renders strings, never HTML. */
export type JsonNode =
  | { kind: 'scalar'; text: string; type: 'string' | 'number' | 'literal' | 'redacted' }
  | { kind: 'array'; items: JsonNode[]; total: number }
  | { kind: 'object'; entries: [string, JsonNode][]; total: number }
  | { kind: 'truncated'; omitted: number };

export interface JsonLimits {
  /** Longest string shown before it is cut. */
  maxString: number;
  /** Most items/entries shown per container. */
  maxItems: number;
  /** Deepest level expanded. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: JsonLimits = { maxString: 2000, maxItems: 100, maxDepth: 12 };
export const UNLIMITED: JsonLimits = { maxString: Infinity, maxItems: Infinity, maxDepth: 64 };

/** Builds the tree and reports whether anything was cut. */
export function buildJsonTree(value: unknown, limits: JsonLimits): { node: JsonNode; truncated: boolean } {
  let truncated = false;
  const visit = (v: unknown, depth: number): JsonNode => {
    if (v === null || v === undefined) return { kind: 'scalar', text: 'null', type: 'literal' };
    if (isRedacted(v)) return { kind: 'scalar', text: v, type: 'redacted' };
    if (typeof v === 'string') {
      if (v.length > limits.maxString) {
        truncated = true;
        return {
          kind: 'scalar',
          text:
            JSON.stringify(v.slice(0, limits.maxString)).slice(0, -1) +
            `…" (+${v.length - limits.maxString} chars)`,
          type: 'string',
        };
      }
      return { kind: 'scalar', text: JSON.stringify(v), type: 'string' };
    }
    if (typeof v === 'number') return { kind: 'scalar', text: String(v), type: 'number' };
    if (typeof v === 'boolean') return { kind: 'scalar', text: String(v), type: 'literal' };
    if (depth >= limits.maxDepth) {
      truncated = true;
      return { kind: 'truncated', omitted: Array.isArray(v) ? v.length : Object.keys(v).length };
    }
    if (Array.isArray(v)) {
      const shown = v.slice(0, limits.maxItems).map((item) => visit(item, depth + 1));
      if (v.length > shown.length) {
        truncated = true;
        shown.push({ kind: 'truncated', omitted: v.length - shown.length });
      }
      return { kind: 'array', items: shown, total: v.length };
    }
    if (typeof v === 'object') {
      const all = Object.entries(v as Record<string, unknown>);
      const entries: [string, JsonNode][] = all
        .slice(0, limits.maxItems)
        .map(([k, item]) => [k, visit(item, depth + 1)]);
      if (all.length > entries.length) {
        truncated = true;
        entries.push(['…', { kind: 'truncated', omitted: all.length - entries.length }]);
      }
      return { kind: 'object', entries, total: all.length };
    }
    return { kind: 'scalar', text: typeof v === 'bigint' ? v.toString() : typeof v, type: 'literal' };
  };
  const node = visit(value, 0);
  return { node, truncated };
}

/** Size of the value as JSON text, to decide whether to start collapsed. */
export function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
