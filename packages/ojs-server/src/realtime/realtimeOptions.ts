import { z } from 'zod';

/** Settings of the SSE streams (ojs-realtime §2.4, §5). */
export const realtimeOptionsSchema = z.object({
  /** `:heartbeat` comment interval (the spec requires at most 15 s). */
  heartbeatMs: z.int().min(10).max(15_000).default(15_000),
  /** `retry:` advice sent at the start of every stream. */
  retryMs: z.int().min(0).max(600_000).default(3000),
  /** Events queued per connection while its transport is full (`realtime.buffer_size`). */
  bufferSize: z.int().min(1).max(1_000_000).default(1000),
  /** Concurrent streams per client (API key or remote address). */
  maxConnectionsPerClient: z.int().min(1).default(100),
  /** Concurrent streams in total. */
  maxConnections: z.int().min(1).default(10_000),
  /** `grace_period_ms` announced in `server.shutdown`. */
  shutdownGraceMs: z.int().min(0).default(5000),
});

export type RealtimeOptionsInput = z.input<typeof realtimeOptionsSchema>;
export type RealtimeOptions = z.output<typeof realtimeOptionsSchema>;

export function resolveRealtimeOptions(input: RealtimeOptionsInput | undefined): RealtimeOptions {
  const parsed = realtimeOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new TypeError(
      `invalid realtime options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
