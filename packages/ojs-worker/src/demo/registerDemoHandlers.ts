import { type JobContext } from '../JobContext';
import { JobError, NonRetryable } from '../JobError';
import { sleep } from '../sleep';
import { type Worker } from '../Worker';
import {
  batchCallbackArgsSchema,
  cleanupArgsSchema,
  emailArgsSchema,
  etlFetchArgsSchema,
  etlLoadArgsSchema,
  etlTransformArgsSchema,
  imageResizeArgsSchema,
  paymentArgsSchema,
  reportArgsSchema,
  thumbnailArgsSchema,
  webhookArgsSchema,
} from './demoCatalogue';

/** Works for `ms` (scaled), or fails with the job's abort reason when it is aborted. */
async function work(ctx: JobContext, ms: number, timeScale: number): Promise<void> {
  const finished = await sleep(Math.max(0, Math.round(ms * timeScale)), ctx.signal);
  if (!finished) throw abortError(ctx.signal);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('job aborted');
}

/** Works in `steps` equal parts, reporting progress after each. */
async function workInSteps(
  ctx: JobContext,
  ms: number,
  steps: number,
  timeScale: number,
  label: (done: number) => string,
): Promise<void> {
  for (let i = 1; i <= steps; i++) {
    await work(ctx, ms / steps, timeScale);
    await ctx.progress(i / steps, label(i));
  }
}

/** The last entry of `parent_results` (a chain step finds its predecessor's result there). */
function parentResult(ctx: JobContext): Record<string, unknown> {
  const parents = ctx.job.parent_results;
  const first: unknown = Array.isArray(parents) ? parents[parents.length - 1] : undefined;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
}

/**
 * Registers the handlers of every demo job type on a worker. Their behaviour comes from the args the
 * scenario put in each job: how long they work and how many attempts fail before one succeeds.
 */
export function registerDemoHandlers(worker: Worker, timeScale = 1): Worker {
  worker.registerTyped('email.send', emailArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    if (ctx.attempt <= a.fail_attempts) {
      throw new JobError(`SMTP 451 from relay for ${a.to}: try again later`, {
        code: 'smtp_temporary_failure',
        type: 'smtp.temporary_failure',
      });
    }
    return { message_id: `<${ctx.id}@mail.example>`, to: a.to, template: a.template };
  });

  worker.registerTyped('image.resize', imageResizeArgsSchema, async (ctx, [a]) => {
    await workInSteps(ctx, a.work_ms, a.steps, timeScale, (i) => `resized ${i}/${a.steps} tiles`);
    if (ctx.attempt <= a.fail_attempts) throw new Error(`decoder crashed on ${a.image_id}`);
    return {
      image_id: a.image_id,
      width: a.width,
      height: a.height,
      bytes: Math.round(a.width * a.height * 0.21),
    };
  });

  worker.registerTyped('payment.charge', paymentArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    if (a.outcome === 'declined') {
      // listed in the policy's non_retryable_errors: dead-lettered at once
      throw new JobError(`card declined for ${a.invoice_id}`, {
        code: 'card_declined',
        type: 'payment.card_declined',
        details: { invoice_id: a.invoice_id },
      });
    }
    if (ctx.attempt <= a.fail_attempts) {
      throw new JobError(`payment gateway timed out charging ${a.invoice_id}`, {
        code: 'gateway_timeout',
        type: 'payment.gateway_timeout',
        details: { invoice_id: a.invoice_id, attempt: ctx.attempt },
      });
    }
    return { charge_id: `ch_${ctx.id.slice(-12)}`, amount_cents: a.amount_cents, currency: a.currency };
  });

  worker.registerTyped('report.generate', reportArgsSchema, async (ctx, [a]) => {
    await workInSteps(ctx, a.work_ms, a.steps, timeScale, (i) => `${a.report}: section ${i}/${a.steps}`);
    return { url: `https://reports.example/${a.tenant_id}/${a.report}/${ctx.id}.pdf`, sections: a.steps };
  });

  worker.registerTyped('webhook.deliver', webhookArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    if (ctx.attempt <= a.fail_attempts) {
      throw new JobError(`${a.url} answered 503`, { code: 'http_503', type: 'webhook.server_error' });
    }
    if (a.status >= 400) {
      throw NonRetryable(
        new JobError(`${a.url} answered ${a.status}; not retrying a client error`, {
          code: `http_${a.status}`,
          type: 'webhook.client_error',
          details: { status: a.status, event: a.event },
        }),
      );
    }
    return { status: a.status, event: a.event };
  });

  worker.registerTyped('etl.fetch', etlFetchArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    return { source: a.source, rows: a.rows };
  });

  worker.registerTyped('etl.transform', etlTransformArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    const rows = Number(parentResult(ctx)['rows'] ?? 0);
    return { rows: Math.round(rows * (1 - a.drop_ratio)), dropped: Math.round(rows * a.drop_ratio) };
  });

  worker.registerTyped('etl.load', etlLoadArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    return { table: a.table, loaded: Number(parentResult(ctx)['rows'] ?? 0) };
  });

  worker.registerTyped('thumbnail.generate', thumbnailArgsSchema, async (ctx, [a]) => {
    await work(ctx, a.work_ms, timeScale);
    if (ctx.attempt <= a.fail_attempts) throw new Error(`out of memory rendering ${a.size}px thumbnail`);
    return { image_id: a.image_id, size: a.size };
  });

  worker.registerTyped('maintenance.cleanup', cleanupArgsSchema, async (ctx, args) => {
    await work(ctx, 100, timeScale);
    const olderThanHours = args[0]?.older_than_hours ?? 24;
    return { older_than_hours: olderThanHours, ran_at: new Date().toISOString() };
  });

  worker.registerTyped('campaign.report', batchCallbackArgsSchema, async (ctx, [a]) => {
    await work(ctx, 50, timeScale);
    const parents = ctx.job.parent_results;
    return { campaign: a.campaign, results: Array.isArray(parents) ? parents.length : 0 };
  });

  worker.registerTyped('campaign.alert', batchCallbackArgsSchema, async (ctx, [a]) => {
    await work(ctx, 50, timeScale);
    ctx.logger.warn('campaign had failed deliveries', { campaign: a.campaign });
    return { campaign: a.campaign, alerted: true };
  });

  return worker;
}
