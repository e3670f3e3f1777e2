import { z } from 'zod';
import { jobStateSchema, type JobState } from './states';
import { isoDurationSchema, parseIsoDuration } from './time';

/** unique-jobs.md §4: states checked for an existing duplicate by default. */
export const DEFAULT_UNIQUE_STATES: readonly JobState[] = [
  'available',
  'active',
  'scheduled',
  'retryable',
  'pending',
];

/** unique-jobs.md §5 conflict resolutions; openapi's `use_existing` is read as `ignore`. */
export const UNIQUE_CONFLICT_ACTIONS = ['reject', 'replace', 'replace_except_schedule', 'ignore'] as const;
export type UniqueConflictAction = (typeof UNIQUE_CONFLICT_ACTIONS)[number];

/**
 * Unique policy as sent (unique-jobs.md / openapi / CT shape), also accepting core/JF's `key: [arg names]`
 * which becomes `args_keys` (digest §1.4).
 */
export const uniquePolicyInputSchema = z.looseObject({
  keys: z.array(z.string().min(1)).optional(),
  /** core/JF form: names of args fields that make up the key */
  key: z.union([z.array(z.string().min(1)), z.string().min(1)]).optional(),
  args_keys: z.array(z.string().min(1)).optional(),
  meta_keys: z.array(z.string().min(1)).optional(),
  period: isoDurationSchema.optional(),
  states: z.array(jobStateSchema).optional(),
  on_conflict: z
    .enum([...UNIQUE_CONFLICT_ACTIONS, 'use_existing'])
    .transform((a): UniqueConflictAction => (a === 'use_existing' ? 'ignore' : a))
    .optional(),
});
export type UniquePolicyInput = z.input<typeof uniquePolicyInputSchema>;
export type ParsedUniquePolicyInput = z.output<typeof uniquePolicyInputSchema>;

export interface UniquePolicyWire {
  keys: string[];
  args_keys?: string[];
  meta_keys?: string[];
  period?: string;
  states: JobState[];
  on_conflict: UniqueConflictAction;
}

export interface UniquePolicy {
  /** Fingerprint dimensions; `type` is always included (unique-jobs.md §3). */
  keys: string[];
  argsKeys?: string[];
  metaKeys?: string[];
  /** Uniqueness window measured from the original job's created_at (CT L4-UNIQ-005); absent = forever. */
  periodMs?: number;
  states: JobState[];
  onConflict: UniqueConflictAction;
  wire: UniquePolicyWire;
}

export function resolveUniquePolicy(input: ParsedUniquePolicyInput): UniquePolicy {
  const legacyKey = typeof input.key === 'string' ? [input.key] : input.key;
  const argsKeys = input.args_keys ?? legacyKey;
  const keys = [...(input.keys ?? ['type'])];
  if (!keys.includes('type')) keys.unshift('type');
  if (argsKeys && !keys.includes('args')) keys.push('args');
  if (input.meta_keys && !keys.includes('meta')) keys.push('meta');
  const states = [...(input.states ?? DEFAULT_UNIQUE_STATES)];
  const onConflict = input.on_conflict ?? 'reject';
  const wire: UniquePolicyWire = { keys, states, on_conflict: onConflict };
  const policy: UniquePolicy = { keys, states, onConflict, wire };
  if (argsKeys) {
    policy.argsKeys = [...argsKeys];
    wire.args_keys = [...argsKeys];
  }
  if (input.meta_keys) {
    policy.metaKeys = [...input.meta_keys];
    wire.meta_keys = [...input.meta_keys];
  }
  if (input.period !== undefined) {
    policy.periodMs = parseIsoDuration(input.period);
    wire.period = input.period;
  }
  return policy;
}

/** Stable JSON (object keys sorted) used to build fingerprints. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The uniqueness key of a job under a policy (unique-jobs.md §3): the chosen dimensions serialised
 * canonically. `args_keys` pick fields from object args (the first object in `args`); `meta_keys` pick meta keys.
 */
export function uniqueFingerprint(
  policy: Pick<UniquePolicy, 'keys' | 'argsKeys' | 'metaKeys'>,
  job: { type: string; queue: string; args: readonly unknown[]; meta: Readonly<Record<string, unknown>> },
): string {
  const parts: Record<string, unknown> = {};
  for (const k of policy.keys) {
    if (k === 'type') parts['type'] = job.type;
    else if (k === 'queue') parts['queue'] = job.queue;
    else if (k === 'args') {
      if (policy.argsKeys) {
        const obj = job.args.find(
          (a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a),
        );
        parts['args'] = Object.fromEntries(policy.argsKeys.map((ak) => [ak, obj?.[ak] ?? null]));
      } else parts['args'] = job.args;
    } else if (k === 'meta') {
      parts['meta'] = policy.metaKeys
        ? Object.fromEntries(policy.metaKeys.map((mk) => [mk, job.meta[mk] ?? null]))
        : job.meta;
    }
  }
  return stableStringify(parts);
}
