/** Engine settings (resolved from the server options; see options.ts for the documented defaults). */
export interface EngineConfig {
  /** Lease of a fetched job when neither the job nor the fetch sets one (worker-protocol: 1800 s). */
  visibilityTimeoutMs: number;
  /** Upper bound of `count` on FETCH. */
  maxFetchCount: number;
  /** A worker silent for this long is stale (worker-protocol §10: 30 s). */
  workerStaleAfterMs: number;
  /** Stale workers are forgotten after this long. */
  workerForgetAfterMs: number;
  /** Honour `meta.test_directive` on heartbeats (conformance hook). */
  testHooks: boolean;
  /** Entries kept in `job.errors`. */
  maxErrorsKept: number;
  /** Jobs handled per timer pass (promotions, deadlines), to keep the event loop responsive. */
  dueBatchSize: number;
  /** Rows an available-job scan may skip over because of rate limits, per queue and FETCH. */
  maxRateLimitedSkips: number;
  retention: {
    completedMs: number;
    cancelledMs: number;
    discardedMs: number;
    /** Dead-lettered jobs are kept at least this long (dead-letter §5: P180D). */
    deadLetterMs: number;
    deadLetterMaxCount: number;
  };
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  visibilityTimeoutMs: 1_800_000,
  maxFetchCount: 1000,
  workerStaleAfterMs: 30_000,
  workerForgetAfterMs: 3_600_000,
  testHooks: false,
  maxErrorsKept: 50,
  dueBatchSize: 2000,
  maxRateLimitedSkips: 1000,
  retention: {
    completedMs: 24 * 3_600_000,
    cancelledMs: 7 * 24 * 3_600_000,
    discardedMs: 7 * 24 * 3_600_000,
    deadLetterMs: 180 * 24 * 3_600_000,
    deadLetterMaxCount: 10_000,
  },
};
