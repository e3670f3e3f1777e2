import { z } from 'zod';

/**
 * Job ids are lowercase UUIDv7 (core §5.1). The conformance suite rejects UUIDv4, uppercase and empty ids
 * (L0-ENV-011) even though the JSON format allows uppercase, so uppercase is rejected here too.
 */
export const JOB_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const jobIdSchema = z.string().regex(JOB_ID_PATTERN, { error: 'must be a lowercase UUIDv7' });
export type JobId = z.infer<typeof jobIdSchema>;

export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && JOB_ID_PATTERN.test(value);
}

/**
 * Job types are dot-namespaced, each segment `[a-z][a-z0-9_]*`, at most 255 characters (core §5.3).
 * openapi.yaml also allows `-`; core's lowercase-only rule wins.
 */
export const JOB_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
export const JOB_TYPE_MAX_LENGTH = 255;

export const jobTypeSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(JOB_TYPE_MAX_LENGTH, { error: `must be at most ${JOB_TYPE_MAX_LENGTH} characters` })
  .regex(JOB_TYPE_PATTERN, { error: 'must be dot-namespaced lowercase segments like "email.send"' });

/** Queue names: `^[a-z0-9][a-z0-9\-\.]*$`, at most 128 characters (core §5.4, openapi QueueName). */
export const QUEUE_NAME_PATTERN = /^[a-z0-9][a-z0-9\-.]*$/;
export const QUEUE_NAME_MAX_LENGTH = 128;
export const DEFAULT_QUEUE = 'default';

export const queueNameSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(QUEUE_NAME_MAX_LENGTH, { error: `must be at most ${QUEUE_NAME_MAX_LENGTH} characters` })
  .regex(QUEUE_NAME_PATTERN, {
    error: 'must start with a lowercase letter or digit and contain only a-z, 0-9, "-" and "."',
  });

/** Priority: integer in [-100, 100]; higher is fetched first (core §5.6; CT L0-ENV-016/017). */
export const PRIORITY_MIN = -100;
export const PRIORITY_MAX = 100;
export const PRIORITY = { HIGH: 10, NORMAL: 0, LOW: -10 } as const;

export const prioritySchema = z
  .int({ error: 'must be an integer' })
  .min(PRIORITY_MIN, { error: `must be >= ${PRIORITY_MIN}` })
  .max(PRIORITY_MAX, { error: `must be <= ${PRIORITY_MAX}` });
