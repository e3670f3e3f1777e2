/** Levels 0-4 and the extension suites this server implements. */
export const CORE_SUITES = [
  'level-0-core',
  'level-1-reliable',
  'level-2-scheduled',
  'level-3-workflows',
  'level-4-advanced',
] as const;

export const EXT_SUITES = [
  'ext-admin-api',
  'ext-dead-letter',
  'ext-graceful-shutdown',
  'ext-backpressure',
  'ext-progress',
  'ext-rate-limiting',
] as const;

/** Cases believed wrong in the suite itself; the evidence is in CONFORMANCE.md. */
export const EXPECTED_FAILURES: Readonly<Record<string, string>> = {
  'L1-RTR-014':
    'asserts errors[i].type values (ConnectionTimeout, RateLimitExceeded, InternalServerError) that none of its ' +
    'NACK requests sends; a server can only invent them (CONFORMANCE.md)',
};
