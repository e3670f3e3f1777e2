/** What a viewer sees in place of a hidden value. */
export const REDACTED = '[redacted]';

export const DEFAULT_REDACT_KEYS =
  'password|passwd|secret|token|api[_-]?key|authorization|cookie|card|cvv|ssn';

export interface Redactor {
  /** True when values under `key` are hidden. */
  matchesKey(key: string): boolean;
  /** A deep copy of `value` with the value of every matching key (at any depth) replaced. */
  redact<T>(value: T): { value: T; redacted: boolean };
  /**
   * Redacts compact JSON text that may be cut short (such as an args preview): the value after every
   * matching `"key":` is replaced, even when the text ends inside it.
   */
  redactJsonText(text: string): { text: string; redacted: boolean };
}

const MAX_DEPTH = 64;

/** Builds a redactor from a regex source matched case-insensitively against object keys. */
export function createRedactor(source: string = DEFAULT_REDACT_KEYS): Redactor {
  const pattern = new RegExp(source, 'i');
  const matchesKey = (key: string) => pattern.test(key);

  const walk = (value: unknown, depth: number, hit: { redacted: boolean }): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) {
      hit.redacted = true;
      return REDACTED;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, hit));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (matchesKey(key)) {
        hit.redacted = true;
        out[key] = REDACTED;
      } else {
        out[key] = walk(item, depth + 1, hit);
      }
    }
    return out;
  };

  const redactJsonText = (text: string) => {
    let redacted = false;
    let out = '';
    let i = 0;
    while (i < text.length) {
      if (text[i] !== '"') {
        out += text[i];
        i++;
        continue;
      }
      const end = stringEnd(text, i);
      const literal = text.slice(i, end);
      let after = end;
      while (after < text.length && /\s/.test(text[after] ?? '')) after++;
      if (text[after] === ':' && matchesKey(decodeKey(literal))) {
        redacted = true;
        out += `${literal}:"${REDACTED}"`;
        i = valueEnd(text, after + 1);
      } else {
        out += literal;
        i = end;
      }
    }
    return { text: out, redacted };
  };

  return {
    matchesKey,
    redact<T>(value: T) {
      const hit = { redacted: false };
      const out = walk(value, 0, hit) as T;
      return { value: out, redacted: hit.redacted };
    },
    redactJsonText,
  };
}

/** Index just past the string literal starting at `start` (or the end of a cut text). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return text.length;
}

function decodeKey(literal: string): string {
  try {
    const parsed: unknown = JSON.parse(literal.endsWith('"') && literal.length > 1 ? literal : `${literal}"`);
    return typeof parsed === 'string' ? parsed : literal.slice(1);
  } catch {
    return literal.slice(1);
  }
}

/** Index just past the JSON value starting at or after `start` (bracket- and string-aware). */
function valueEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return text.length;
  }
  while (i < text.length && !',}]'.includes(text[i] ?? '')) i++;
  return i;
}
