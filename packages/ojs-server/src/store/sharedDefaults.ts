import { resolveRetryPolicy, type RetryPolicy } from '@lookout/ojs-types';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The default retry policy, resolved once and shared (frozen) by every job that does not set one: a memory
 * store saves hundreds of bytes per job and SQLite rows leave it out.
 */
export const SHARED_DEFAULT_RETRY: RetryPolicy = deepFreeze(resolveRetryPolicy());
