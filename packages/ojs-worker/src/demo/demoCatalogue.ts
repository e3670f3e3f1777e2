import { z } from 'zod';
import { type EnqueueOptions } from '../enqueueOptions';

/**
 * The demo product: job types, their queues, priorities and retry policies, and the zod schemas of
 * their args (used by the generator's tests and by the handlers through `registerTyped`). A job's fate
 * (how long it works, how many attempts fail, which status a webhook answers) travels in its args, so a
 * seed fixes what every job does, whichever worker runs it.
 */

const workMs = z.int().min(0).max(600_000);
const failAttempts = z.int().min(0).max(1000);

export const emailArgsSchema = z.tuple([
  z.object({
    to: z.email(),
    template: z.enum(['welcome', 'password_reset', 'receipt', 'digest', 'newsletter']),
    work_ms: workMs,
    fail_attempts: failAttempts,
  }),
]);

export const imageResizeArgsSchema = z.tuple([
  z.object({
    image_id: z.string().min(1),
    width: z.int().min(1),
    height: z.int().min(1),
    steps: z.int().min(1).max(50),
    work_ms: workMs,
    fail_attempts: failAttempts,
  }),
]);

export const PAYMENT_OUTCOMES = ['ok', 'flaky', 'declined', 'gateway_down'] as const;
export const paymentArgsSchema = z.tuple([
  z.object({
    invoice_id: z.string().min(1),
    amount_cents: z.int().min(1),
    currency: z.enum(['EUR', 'USD', 'GBP']),
    outcome: z.enum(PAYMENT_OUTCOMES),
    work_ms: workMs,
    fail_attempts: failAttempts,
  }),
]);

export const reportArgsSchema = z.tuple([
  z.object({
    report: z.enum(['monthly_revenue', 'churn_cohorts', 'usage_by_tenant', 'sla_breaches']),
    tenant_id: z.string().min(1),
    steps: z.int().min(1).max(100),
    work_ms: workMs,
  }),
]);

export const webhookArgsSchema = z.tuple([
  z.object({
    url: z.url(),
    event: z.string().min(1),
    /** The status the endpoint answers once `fail_attempts` 5xx answers are over. */
    status: z.int().min(100).max(599),
    fail_attempts: failAttempts,
    work_ms: workMs,
  }),
]);

export const etlFetchArgsSchema = z.tuple([
  z.object({ source: z.string().min(1), rows: z.int().min(0), work_ms: workMs }),
]);
export const etlTransformArgsSchema = z.tuple([
  z.object({ drop_ratio: z.number().min(0).max(1), work_ms: workMs }),
]);
export const etlLoadArgsSchema = z.tuple([z.object({ table: z.string().min(1), work_ms: workMs })]);
export const thumbnailArgsSchema = z.tuple([
  z.object({
    image_id: z.string().min(1),
    size: z.int().min(16),
    work_ms: workMs,
    fail_attempts: failAttempts,
  }),
]);
export const cleanupArgsSchema = z.tuple([z.object({ older_than_hours: z.int().min(1) })]).or(z.tuple([]));
export const batchCallbackArgsSchema = z.tuple([z.object({ campaign: z.string().min(1) })]);

/** Queues of the demo: priority of their jobs and how they are served. */
export const DEMO_QUEUES = {
  payments: { priority: 10 },
  email: { priority: 0 },
  webhooks: { priority: 0 },
  media: { priority: -5 },
  reports: { priority: -10 },
  etl: { priority: -5 },
  default: { priority: 0 },
} as const;
export type DemoQueue = keyof typeof DEMO_QUEUES;

/** Workers that run for the whole demo. */
export interface DemoWorkerProfile {
  profile: string;
  queues: DemoQueue[];
  concurrency: number;
}

export const CORE_WORKERS: readonly DemoWorkerProfile[] = [
  { profile: 'payments', queues: ['payments'], concurrency: 4 },
  { profile: 'notifications', queues: ['email', 'webhooks'], concurrency: 8 },
  { profile: 'media', queues: ['media'], concurrency: 4 },
  { profile: 'reports', queues: ['reports'], concurrency: 3 },
  { profile: 'pipeline', queues: ['etl', 'default'], concurrency: 4 },
];

/** Workers that come and go (autoscaling, deploys, spot instances). */
export const VISITOR_WORKERS: readonly DemoWorkerProfile[] = [
  { profile: 'burst', queues: ['email', 'webhooks', 'media'], concurrency: 4 },
  { profile: 'batch', queues: ['reports', 'etl', 'default'], concurrency: 2 },
  { profile: 'payments-canary', queues: ['payments'], concurrency: 2 },
];

/** Retry policies per job type; intervals are scaled by the demo's time scale. */
export function demoRetryPolicies(timeScale: number) {
  const ms = (base: number): number => Math.max(1, Math.round(base * timeScale));
  return {
    email: { maxAttempts: 3, initialIntervalMs: ms(1000), backoffCoefficient: 2, maxIntervalMs: ms(30_000) },
    image: { maxAttempts: 3, initialIntervalMs: ms(2000), backoffCoefficient: 2, maxIntervalMs: ms(60_000) },
    payment: {
      maxAttempts: 4,
      initialIntervalMs: ms(2000),
      backoffCoefficient: 2,
      maxIntervalMs: ms(60_000),
      backoffStrategy: 'exponential',
      onExhaustion: 'dead_letter',
      nonRetryableErrors: ['payment.card_declined'],
    },
    report: { maxAttempts: 2, initialIntervalMs: ms(5000), maxIntervalMs: ms(60_000) },
    webhook: {
      maxAttempts: 5,
      initialIntervalMs: ms(1000),
      maxIntervalMs: ms(30_000),
      backoffStrategy: 'linear',
      onExhaustion: 'dead_letter',
    },
    etl: { maxAttempts: 3, initialIntervalMs: ms(1000), maxIntervalMs: ms(10_000) },
  } satisfies Record<string, NonNullable<EnqueueOptions['retry']>>;
}

/** Every job type the demo enqueues (handlers exist for all of them). */
export const DEMO_JOB_TYPES = [
  'email.send',
  'image.resize',
  'payment.charge',
  'report.generate',
  'webhook.deliver',
  'etl.fetch',
  'etl.transform',
  'etl.load',
  'thumbnail.generate',
  'maintenance.cleanup',
  'campaign.report',
  'campaign.alert',
] as const;

/** The cron of the demo: a cleanup every minute. */
export const DEMO_CRON = {
  name: 'demo.maintenance-cleanup',
  expression: '* * * * *',
  type: 'maintenance.cleanup',
  args: [{ older_than_hours: 24 }],
  queue: 'default',
} as const;
