/**
 * Dead-letter failures grouped by error: the fingerprint is job type + error code + the error message
 * with its variable parts (ids, numbers, quoted values, addresses, timestamps) replaced by placeholders,
 * so "user 42 not found" and "user 97 not found" land in one group.
 */

const RULES: [RegExp, string][] = [
  // ISO timestamps and dates
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/gi, '<time>'],
  // UUIDs
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // URLs
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>)]+/gi, '<url>'],
  // e-mail addresses
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>'],
  // IPv4 (optionally with port)
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  // quoted values
  [/"[^"]*"/g, '"<str>"'],
  [/'[^']*'/g, "'<str>'"],
  // long hex strings (hashes, object ids)
  [/\b(?:0x)?[0-9a-f]{12,}\b/gi, '<hex>'],
  // tokens mixing letters and digits with an id-like shape (req_01h..., abc123def)
  [/\b[a-z]+_[a-z0-9]{8,}\b/gi, '<id>'],
  // prefixed ids with a digit in them (inv_0000ik, img-197694)
  [/\b[a-z]+[_-](?=[a-z]*\d)[a-z0-9]+\b/gi, '<id>'],
  // long tokens mixing letters and digits (abc123def9)
  [/\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{8,}\b/gi, '<id>'],
  // numbers (with optional unit suffix such as ms, s, kb)
  [/(?<![a-z\d.])-?\d+(?:\.\d+)?(?=[a-z%]{0,3}\b)/gi, '<n>'],
];

/** The message with variable parts replaced, whitespace collapsed, at most 300 characters. */
export function normalizeErrorMessage(message: string): string {
  let out = message;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** FNV-1a 64-bit, hex; stable across processes and platforms. */
function fnv1a64(input: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < input.length; i++) {
    hash ^= BigInt(input.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

export interface ErrorFingerprintInput {
  jobType: string;
  code?: string | null | undefined;
  message?: string | null | undefined;
}

export interface ErrorFingerprint {
  fingerprint: string;
  type: string;
  code: string;
  message: string;
}

/** The group key of a failure: 16 hex characters over type + code + normalised message. */
export function errorFingerprint(input: ErrorFingerprintInput): ErrorFingerprint {
  const code = (input.code ?? '').trim().toLowerCase() || 'unknown';
  const message = normalizeErrorMessage(input.message ?? '');
  return {
    fingerprint: fnv1a64(`${input.jobType}\u0000${code}\u0000${message}`),
    type: input.jobType,
    code,
    message,
  };
}

/** True when `value` looks like a fingerprint produced by {@link errorFingerprint}. */
export function isFingerprint(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}
