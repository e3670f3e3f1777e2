import type { TimelineEvent } from '../api/schemas';
import type { LiveEvent } from '../events/liveEvent';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The event history of a job: what its own timestamps and error history tell (always available), merged
 * with the live events the BFF saw for it (exact transitions, workers, progress). Oldest first.
 */
export function jobTimeline(
  job: Record<string, unknown>,
  live: { id: number; event: LiveEvent }[],
): TimelineEvent[] {
  const meta = record(job.metadata);
  const at = (key: string) => str(job[key]) ?? str(meta[key]);
  const out: TimelineEvent[] = [];
  const push = (type: string, time: string | undefined, extra: Partial<TimelineEvent> = {}) => {
    if (time === undefined) return;
    out.push({ id: `job:${type}:${time}:${out.length}`, type, time, data: {}, ...extra });
  };
  push('job.created', at('created_at'));
  if (at('scheduled_at') && at('scheduled_at') !== at('created_at')) {
    push('job.scheduled', at('created_at'), { data: { scheduled_at: at('scheduled_at') } });
  }
  push('job.enqueued', at('enqueued_at'), { to: 'available' });
  const errors = Array.isArray(job.errors) ? job.errors.map(record) : [];
  for (const err of errors) {
    const time = str(err.occurred_at) ?? str(err.timestamp);
    const attempt = typeof err.attempt === 'number' ? err.attempt : undefined;
    push('job.failed', time, {
      ...(attempt === undefined ? {} : { attempt }),
      error: {
        ...((str(err.code) ?? str(err.type)) ? { code: str(err.code) ?? str(err.type) } : {}),
        ...(str(err.message) ? { message: str(err.message) } : {}),
      },
      data: err,
    });
  }
  push('job.started', at('started_at'), {
    to: 'active',
    ...(typeof job.attempt === 'number' ? { attempt: job.attempt } : {}),
    ...(str(job.worker_id) ? { worker_id: str(job.worker_id) } : {}),
  });
  push('job.completed', at('completed_at') && job.state === 'completed' ? at('completed_at') : undefined, {
    to: 'completed',
  });
  push('job.cancelled', at('cancelled_at'), { to: 'cancelled' });
  push('job.discarded', at('discarded_at'), { to: 'discarded' });

  for (const { id, event } of live) {
    out.push({
      id: String(id),
      type: event.type,
      time: event.time,
      ...(event.from ? { from: event.from } : {}),
      ...(event.to ? { to: event.to } : {}),
      ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
      ...(event.worker_id ? { worker_id: event.worker_id } : {}),
      ...(event.error ? { error: { code: event.error.code, message: event.error.message } } : {}),
      data: event.data,
    });
  }
  // Live events supersede the reconstructed ones of the same kind at the same time.
  const liveKeys = new Set(live.map(({ event }) => `${event.type}@${event.time}`));
  const deduped = out.filter((e) => !e.id.startsWith('job:') || !liveKeys.has(`${e.type}@${e.time}`));
  return deduped.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : 1));
}
