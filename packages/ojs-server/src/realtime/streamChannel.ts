import { z } from 'zod';
import type { OjsEvent } from '../events/EventLog';

/**
 * What one SSE connection listens to:
 * - `job`: one job's realtime events (ojs-realtime §2.1),
 * - `queue`: the realtime events of one queue's jobs and the queue itself (§2.2),
 * - `all`: every event the server emits, as full OJS event envelopes (a Lookout extension), optionally
 *   filtered by type (`job.*` prefixes), queue and job id.
 */
export type StreamChannel =
  | { kind: 'job'; jobId: string; eventTypes: readonly string[] }
  | { kind: 'queue'; queue: string; eventTypes: readonly string[] }
  | {
      kind: 'all';
      types: readonly string[];
      queues: readonly string[];
      jobIds: readonly string[];
      jobTypes: readonly string[];
    };

/** The channel name used in `system.*` payloads: `job:<id>`, `queue:<name>`, `all`. */
export function channelName(channel: StreamChannel): string {
  switch (channel.kind) {
    case 'job':
      return `job:${channel.jobId}`;
    case 'queue':
      return `queue:${channel.queue}`;
    case 'all':
      return 'all';
  }
}

/** A realtime event (ojs-realtime §4): the SSE `event:` name and its payload. */
export interface RealtimeEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * The ojs-realtime projection of a logged event, or undefined when the event has none:
 * state transitions become `job.state_changed {job_id, queue, type, from, to, timestamp}`, progress
 * becomes `job.progress {job_id, progress 0-100, message?, timestamp}`, job heartbeats
 * `job.heartbeat {job_id, worker_id, timestamp}`; queue pause/resume pass through with a timestamp.
 */
export function toRealtimeEvent(event: OjsEvent): RealtimeEvent | undefined {
  if (event.state_change) return { type: 'job.state_changed', data: { ...event.state_change } };
  const d = event.data;
  switch (event.type) {
    case 'job.progress': {
      const data: Record<string, unknown> = { job_id: d['job_id'] ?? event.subject };
      const percent = d['progress_percent'];
      const fraction = d['progress'];
      if (typeof percent === 'number') data['progress'] = Math.round(percent);
      else if (typeof fraction === 'number') data['progress'] = Math.round(fraction * 100);
      else data['progress'] = null;
      const message = d['progress_message'] ?? d['message'];
      if (typeof message === 'string') data['message'] = message;
      data['timestamp'] = event.time;
      return { type: 'job.progress', data };
    }
    case 'job.heartbeat':
      return {
        type: 'job.heartbeat',
        data: {
          job_id: d['job_id'] ?? event.subject,
          worker_id: d['worker_id'] ?? null,
          timestamp: event.time,
        },
      };
    case 'queue.paused':
    case 'queue.resumed':
      return { type: event.type, data: { ...d, timestamp: event.time } };
    default:
      return undefined;
  }
}

/** `job.*` style matching: exact types, `prefix.*` and `*`. */
export function typeMatches(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  for (const p of patterns) {
    if (p === type || p === '*') return true;
    if (p.endsWith('.*') && type.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

/** Whether a logged event is about this channel at all (before any realtime projection). */
export function eventInChannel(channel: StreamChannel, event: OjsEvent): boolean {
  switch (channel.kind) {
    case 'job':
      return event.subject === channel.jobId && event.data['job_id'] !== undefined;
    case 'queue':
      return event.data['queue'] === channel.queue;
    case 'all': {
      if (!typeMatches(channel.types, event.type)) return false;
      if (channel.queues.length > 0) {
        const q = event.data['queue'];
        if (typeof q !== 'string' || !channel.queues.includes(q)) return false;
      }
      if (channel.jobTypes.length > 0) {
        const t = event.data['job_type'];
        if (typeof t !== 'string' || !channel.jobTypes.includes(t)) return false;
      }
      if (channel.jobIds.length > 0) {
        const id = event.data['job_id'] ?? event.subject;
        if (typeof id !== 'string' || !channel.jobIds.includes(id)) return false;
      }
      return true;
    }
  }
}

const MAX_LIST = 100;
const item = z.string().min(1).max(255);

/** Query values: repeated parameters and comma-separated lists both work (`?types=a,b&types=c`). */
function listParam(name: string) {
  return z
    .array(z.string())
    .optional()
    .transform((values) =>
      (values ?? [])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(item).max(MAX_LIST, `${name}: at most ${MAX_LIST} values`));
}

const typeList = listParam('event_types');

/** Query of `GET /ojs/v1/jobs/{id}/events` and `GET /ojs/v1/queues/{name}/events`. */
export const channelQuerySchema = z.object({
  event_types: typeList,
  types: typeList,
  last_event_id: z.array(z.string()).optional(),
});

/** Query of `GET /ojs/v1/events/stream`. */
export const allStreamQuerySchema = channelQuerySchema.extend({
  queues: listParam('queues'),
  queue: listParam('queue'),
  job_id: listParam('job_id'),
  job_ids: listParam('job_ids'),
  job_types: listParam('job_types'),
});

export type QueryValues = Record<string, string[]>;

export type ChannelParse =
  { ok: true; channel: StreamChannel; lastEventId?: string } | { ok: false; message: string };

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function lastId(values: string[] | undefined): { lastEventId?: string } {
  const v = values?.[values.length - 1];
  return v !== undefined ? { lastEventId: v } : {};
}

export function parseJobChannel(jobId: string, query: QueryValues): ChannelParse {
  const q = channelQuerySchema.safeParse(query);
  if (!q.success) return { ok: false, message: issuesText(q.error) };
  return {
    ok: true,
    channel: { kind: 'job', jobId, eventTypes: [...q.data.event_types, ...q.data.types] },
    ...lastId(q.data.last_event_id),
  };
}

export function parseQueueChannel(queue: string, query: QueryValues): ChannelParse {
  const q = channelQuerySchema.safeParse(query);
  if (!q.success) return { ok: false, message: issuesText(q.error) };
  return {
    ok: true,
    channel: { kind: 'queue', queue, eventTypes: [...q.data.event_types, ...q.data.types] },
    ...lastId(q.data.last_event_id),
  };
}

export function parseAllChannel(query: QueryValues): ChannelParse {
  const q = allStreamQuerySchema.safeParse(query);
  if (!q.success) return { ok: false, message: issuesText(q.error) };
  const d = q.data;
  return {
    ok: true,
    channel: {
      kind: 'all',
      types: [...d.types, ...d.event_types],
      queues: [...d.queues, ...d.queue],
      jobIds: [...d.job_id, ...d.job_ids],
      jobTypes: d.job_types,
    },
    ...lastId(d.last_event_id),
  };
}
