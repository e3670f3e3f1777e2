import { z } from 'zod';

interface ErrorCodeInfo {
  /** HTTP status the code is answered with (0 for job-level codes that never travel as a response). */
  readonly status: number;
  readonly retryable: boolean;
}

/**
 * Canonical lowercase error codes (HB §16, JF §12, openapi OJSError). Lookout emits these; the
 * SCREAMING_SNAKE names of ojs-errors.md are mapped onto them by {@link normalizeErrorCode}.
 */
export const OJS_ERROR_CODES = {
  invalid_request: { status: 400, retryable: false },
  invalid_payload: { status: 400, retryable: false },
  schema_validation: { status: 400, retryable: false },
  validation_error: { status: 422, retryable: false },
  unauthenticated: { status: 401, retryable: false },
  permission_denied: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  method_not_allowed: { status: 405, retryable: false },
  conflict: { status: 409, retryable: false },
  duplicate: { status: 409, retryable: false },
  envelope_too_large: { status: 413, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  unsupported: { status: 422, retryable: false },
  // HB §11.3 answers 422; openapi lists 409. Lookout's server accepts enqueue into paused queues anyway.
  queue_paused: { status: 422, retryable: true },
  queue_full: { status: 429, retryable: true },
  rate_limited: { status: 429, retryable: true },
  internal_error: { status: 500, retryable: true },
  backend_error: { status: 500, retryable: true },
  backend_unavailable: { status: 503, retryable: true },
  backend_timeout: { status: 504, retryable: true },
  // job-level codes (HB §16.3, errors §4.7) carried in job.error, never as an HTTP response
  handler_error: { status: 0, retryable: true },
  handler_timeout: { status: 0, retryable: true },
  handler_panic: { status: 0, retryable: true },
  timeout: { status: 0, retryable: true },
  cancelled: { status: 0, retryable: false },
  non_retryable_error: { status: 0, retryable: false },
} as const satisfies Record<string, ErrorCodeInfo>;
export type OjsErrorCode = keyof typeof OJS_ERROR_CODES;

export function isOjsErrorCode(code: string): code is OjsErrorCode {
  return Object.hasOwn(OJS_ERROR_CODES, code);
}

/** ojs-errors.md spellings (lowercased, `ojs_` prefix removed) that map onto a different canonical code. */
const CODE_ALIASES: Readonly<Record<string, OjsErrorCode>> = {
  invalid_state_transition: 'conflict',
  job_already_completed: 'conflict',
  job_already_cancelled: 'conflict',
  duplicate_job: 'duplicate',
  unsupported_feature: 'unsupported',
  schema_validation_failed: 'schema_validation',
  invalid_args: 'invalid_payload',
  invalid_job_type: 'invalid_request',
  invalid_queue: 'invalid_request',
  invalid_metadata: 'invalid_request',
  invalid_retry_policy: 'validation_error',
  invalid_cron_expression: 'validation_error',
  job_type_too_long: 'invalid_request',
  queue_name_too_long: 'invalid_request',
  metadata_too_large: 'payload_too_large',
  token_expired: 'unauthenticated',
  tenant_access_denied: 'permission_denied',
  forbidden: 'permission_denied',
  unauthorized: 'unauthenticated',
  job_cancelled: 'cancelled',
};

/** Lowercase a code, strip an `OJS_` prefix and map ojs-errors.md names to the canonical vocabulary. */
export function normalizeErrorCode(code: string): string {
  let c = code.trim().toLowerCase();
  if (c.startsWith('ojs_')) c = c.slice(4);
  return CODE_ALIASES[c] ?? c;
}

/** The inner error object of every error response: `{error: {...}}` (HB §16 + openapi + CT extras). */
export const errorObjectSchema = z.looseObject({
  code: z.string().min(1),
  /** openapi adds `type`, usually equal to `code`; CT wants `validation_error` on 422. */
  type: z.string().optional(),
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
  request_id: z.string().optional(),
  hint: z.string().optional(),
  /** CT L0-OPS-030 spells it `docs_url` (ojs-errors.md: `doc_url`). */
  docs_url: z.string().optional(),
});
export type OjsErrorShape = z.infer<typeof errorObjectSchema>;

/** `{ "error": { code, type?, message, retryable, details?, request_id?, hint?, docs_url? } }`. */
export const errorBodySchema = z.looseObject({ error: errorObjectSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

const looseErrorSchema = z.looseObject({
  code: z.string().optional(),
  type: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
  request_id: z.string().optional(),
  hint: z.string().optional(),
  docs_url: z.string().optional(),
  doc_url: z.string().optional(),
});

/**
 * Read any error body a server may send (digest §2.7): the `{error:{...}}` wrapper, the flat ojs-errors.md
 * form, upper- or lower-case codes, `doc_url`, or `{error: "message"}`. Returns the canonical shape, or null
 * when the body is not recognisably an error.
 */
export function normalizeErrorBody(body: unknown): OjsErrorShape | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const outer = body as Record<string, unknown>;
  const wrapped = outer['error'];
  let inner: unknown = body;
  if (typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)) inner = wrapped;
  else if (typeof wrapped === 'string') inner = { ...outer, message: wrapped, error: undefined };
  const parsed = looseErrorSchema.safeParse(inner);
  if (!parsed.success) return null;
  const e = parsed.data;
  const rawCode = e.code ?? e.type;
  const message = e.message ?? e.error;
  if (rawCode === undefined && message === undefined) return null;
  const code = rawCode !== undefined && rawCode.length > 0 ? normalizeErrorCode(rawCode) : 'unknown_error';
  const known = isOjsErrorCode(code) ? OJS_ERROR_CODES[code] : undefined;
  const {
    code: _c,
    type,
    message: _m,
    error: _e,
    retryable,
    details,
    request_id,
    hint,
    docs_url,
    doc_url,
    ...rest
  } = e;
  const out: OjsErrorShape = {
    ...rest,
    code,
    type: type !== undefined ? normalizeErrorCode(type) : code,
    message: message ?? code,
    retryable: retryable ?? known?.retryable ?? false,
  };
  if (details) out.details = details;
  if (request_id !== undefined) out.request_id = request_id;
  if (hint !== undefined) out.hint = hint;
  const docs = docs_url ?? doc_url;
  if (docs !== undefined) out.docs_url = docs;
  return out;
}

/** Build an error body with `type` defaulting to `code` and `retryable` from the code table. */
export function makeErrorBody(
  code: string,
  message: string,
  extra: Partial<Omit<OjsErrorShape, 'code' | 'message'>> = {},
): ErrorBody {
  const known = isOjsErrorCode(code) ? OJS_ERROR_CODES[code] : undefined;
  return {
    error: { type: code, retryable: known?.retryable ?? false, ...extra, code, message },
  };
}

/** One line per zod issue, naming the field: `options.retry.backoff_coefficient: must be >= 1.0`. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The error a worker reports on FAIL/NACK (HB §10.4 / openapi JobError, core §8 `backtrace`). */
export const jobErrorInputSchema = z.looseObject({
  code: z.string().optional(),
  type: z.string().optional(),
  message: z.string(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  backtrace: z.union([z.array(z.string()), z.string()]).optional(),
});
export type JobErrorInput = z.infer<typeof jobErrorInputSchema>;

/**
 * Core wants `error.type`; NACKs often send only `code`. CT L0-OPS-012 requires `type` to exist, so it is
 * synthesised from `details.error_class`, else `code`, else `"error"` (digest §1.1).
 */
export function synthesizeErrorType(err: {
  type?: string | undefined;
  code?: string | undefined;
  details?: Readonly<Record<string, unknown>> | undefined;
}): string {
  if (err.type) return err.type;
  const cls = err.details?.['error_class'];
  if (typeof cls === 'string' && cls.length > 0) return cls;
  if (err.code) return err.code;
  return 'error';
}

/** `job.error` as servers return it: tolerant, every field optional. */
export const jobErrorSchema = z.looseObject({
  code: z.string().optional(),
  type: z.string().optional(),
  message: z.string().optional(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
  backtrace: z.union([z.array(z.string()), z.string()]).optional(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

/**
 * One entry of `job.errors[]` (JF §3, errors §6). retry.md §10.1 names the timestamp `timestamp`;
 * errors.md and CT use `occurred_at` (emit `occurred_at`, read both).
 */
export const jobErrorRecordSchema = z.looseObject({
  code: z.string().optional(),
  type: z.string().optional(),
  message: z.string().optional(),
  attempt: z.number().int().optional(),
  occurred_at: z.string().optional(),
  timestamp: z.string().optional(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
  backtrace: z.union([z.array(z.string()), z.string()]).optional(),
});
export type JobErrorRecord = z.infer<typeof jobErrorRecordSchema>;
