import { type Rng } from './createRng';
import { makeJobType } from './names';

/** `options` of an enqueue request as it goes on the wire (snake_case). Unknown keys are allowed. */
export interface EnqueueOptionsBody {
  queue?: string;
  priority?: number;
  timeout_ms?: number;
  scheduled_at?: string;
  delay_until?: string;
  expires_at?: string;
  retry?: Record<string, unknown>;
  unique?: Record<string, unknown>;
  tags?: string[];
  visibility_timeout_ms?: number;
  pending?: boolean;
  rate_limit?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The body of `POST /ojs/v1/jobs`. Unknown top-level keys are allowed (they must round-trip). */
export interface EnqueueRequestBody {
  type: string;
  args: unknown[];
  meta?: Record<string, unknown>;
  options?: EnqueueOptionsBody;
  id?: string;
  schema?: string;
  [key: string]: unknown;
}

export type EnqueueRequestOverrides = Partial<Omit<EnqueueRequestBody, 'options'>> & {
  /** Merged into the default options; `null` removes `options` entirely. */
  options?: EnqueueOptionsBody | null;
};

let sequence = 0;

/**
 * A valid enqueue request: a generated `type`, `args: [{ n }]` with a per-process sequence number, and no
 * options (so the `default` queue), with `overrides` applied on top (`options` merged key by key).
 */
export function makeEnqueueRequest(overrides: EnqueueRequestOverrides = {}, rng?: Rng): EnqueueRequestBody {
  sequence += 1;
  const { options, ...rest } = overrides;
  const body: EnqueueRequestBody = { type: makeJobType(rng), args: [{ n: sequence }], ...rest };
  if (options) body.options = { ...options };
  return body;
}

/** The body of `POST /ojs/v1/jobs/batch` with `count` jobs, each from makeEnqueueRequest(overrides). */
export function makeBatchEnqueueRequest(
  count: number,
  overrides: EnqueueRequestOverrides | ((index: number) => EnqueueRequestOverrides) = {},
  rng?: Rng,
): { jobs: EnqueueRequestBody[] } {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`makeBatchEnqueueRequest: bad count ${count}`);
  return {
    jobs: Array.from({ length: count }, (_, i) =>
      makeEnqueueRequest(typeof overrides === 'function' ? overrides(i) : overrides, rng),
    ),
  };
}
