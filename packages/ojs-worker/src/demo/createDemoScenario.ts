import { type EnqueueOptions } from '../enqueueOptions';
import { batch, chain, group, step, type WorkflowDefinition } from '../workflowBuilders';
import { createPrng, type Prng } from './createPrng';
import {
  DEMO_QUEUES,
  type DemoQueue,
  type DemoWorkerProfile,
  demoRetryPolicies,
  type PAYMENT_OUTCOMES,
  VISITOR_WORKERS,
} from './demoCatalogue';

/** One job to enqueue, `atMs` after the demo started. */
export interface PlannedJob {
  kind: 'job';
  seq: number;
  atMs: number;
  type: string;
  args: unknown[];
  options: EnqueueOptions;
}

/** One workflow to create. */
export interface PlannedWorkflow {
  kind: 'workflow';
  seq: number;
  atMs: number;
  name: string;
  definition: WorkflowDefinition;
}

export type PlannedAction = PlannedJob | PlannedWorkflow;
type Unplanned = Omit<PlannedJob, 'atMs' | 'seq'> | Omit<PlannedWorkflow, 'atMs' | 'seq'>;

/** A visiting worker: joins at `joinAtMs`, stops gracefully at `leaveAtMs`. */
export interface PlannedVisit {
  workerId: string;
  profile: DemoWorkerProfile;
  joinAtMs: number;
  leaveAtMs: number;
}

export interface DemoScenarioOptions {
  seed: number | string;
  /** Actions (jobs or workflows) per second. */
  rate: number;
  /** Multiplies work durations, retry intervals and worker churn (1 = realistic; 0.05 = 20x faster). */
  timeScale?: number;
}

export interface DemoScenario {
  readonly seed: string;
  /** The next action, in time order. Infinite. */
  nextAction(): PlannedAction;
  /** The next visiting worker, in join order. Infinite. */
  nextVisit(): PlannedVisit;
}

type ActionKind =
  'email' | 'webhook' | 'payment' | 'image' | 'report' | 'etl_chain' | 'thumbnail_group' | 'campaign_batch';

/** Share of each action; sized so the demo's workers keep up at the default rate of 20/s. */
const ACTION_WEIGHTS: readonly (readonly [ActionKind, number])[] = [
  ['email', 50],
  ['webhook', 22.7],
  ['payment', 15],
  ['image', 4],
  ['report', 0.3],
  ['etl_chain', 1.5],
  ['thumbnail_group', 2],
  ['campaign_batch', 1.5],
];

const TEMPLATES = ['welcome', 'password_reset', 'receipt', 'digest'] as const;
const WEBHOOK_EVENTS = ['invoice.paid', 'user.created', 'subscription.renewed', 'order.shipped'] as const;
const REPORTS = ['monthly_revenue', 'churn_cohorts', 'usage_by_tenant', 'sla_breaches'] as const;
const TENANTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'] as const;
const SOURCES = ['s3://events/raw', 'postgres://orders', 'kafka://clickstream'] as const;

/**
 * The demo's plan, fully determined by the seed: which jobs and workflows to create and when (Poisson
 * arrivals at `rate`), what each job will do (duration, failures), and which workers visit when.
 */
export function createDemoScenario(options: DemoScenarioOptions): DemoScenario {
  if (!(options.rate > 0)) throw new RangeError('rate must be > 0');
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError('timeScale must be > 0');
  const root = createPrng(options.seed);
  const jobsRng = root.fork('jobs');
  const churnRng = root.fork('churn');
  const retry = demoRetryPolicies(timeScale);
  const meanGapMs = 1000 / options.rate;
  const work = (min: number, max: number, rng: Prng): number => rng.int(min, max);

  let clock = 0;
  let seq = 0;
  let visitClock = 0;
  let visitSeq = 0;

  const queued = (queue: DemoQueue, extra: EnqueueOptions = {}): EnqueueOptions => ({
    queue,
    priority: DEMO_QUEUES[queue].priority,
    ...extra,
  });

  const job = (type: string, args: unknown[], opts: EnqueueOptions): Omit<PlannedJob, 'atMs' | 'seq'> => ({
    kind: 'job',
    type,
    args,
    options: opts,
  });

  const makeAction = (kind: ActionKind, n: number, r: Prng): Unplanned => {
    switch (kind) {
      case 'email':
        return job(
          'email.send',
          [
            {
              to: `user${r.int(1, 50_000)}@example.com`,
              template: r.pick(TEMPLATES),
              work_ms: work(20, 150, r),
              fail_attempts: r.chance(0.02) ? 1 : 0,
            },
          ],
          queued('email', { retry: retry.email, tags: ['transactional'] }),
        );
      case 'webhook': {
        // 85% answer 200, 8% answer 5xx a few times first, 7% answer a 4xx (not worth retrying)
        const roll = r.next();
        const status = roll < 0.93 ? 200 : r.pick([400, 404, 410, 422]);
        const failAttempts = roll >= 0.85 && roll < 0.93 ? r.int(1, 3) : 0;
        return job(
          'webhook.deliver',
          [
            {
              url: `https://hooks.${r.pick(TENANTS)}.example/ojs`,
              event: r.pick(WEBHOOK_EVENTS),
              status,
              fail_attempts: failAttempts,
              work_ms: work(40, 300, r),
            },
          ],
          queued('webhooks', { retry: retry.webhook, timeoutMs: 10_000 }),
        );
      }
      case 'payment': {
        const outcome = r.weighted<(typeof PAYMENT_OUTCOMES)[number]>([
          ['ok', 72],
          ['flaky', 18],
          ['declined', 4],
          ['gateway_down', 6],
        ]);
        const failAttempts = outcome === 'flaky' ? r.int(1, 2) : outcome === 'gateway_down' ? 99 : 0;
        const invoice = `inv_${n.toString(36).padStart(6, '0')}`;
        return job(
          'payment.charge',
          [
            {
              invoice_id: invoice,
              amount_cents: r.int(199, 49_999),
              currency: r.pick(['EUR', 'USD', 'GBP'] as const),
              outcome,
              work_ms: work(80, 400, r),
              fail_attempts: failAttempts,
            },
          ],
          queued('payments', {
            retry: retry.payment,
            unique: { keys: ['type', 'args'], onConflict: 'reject' },
            tags: ['billing'],
            meta: { tenant_id: r.pick(TENANTS) },
          }),
        );
      }
      case 'image': {
        const width = r.pick([320, 640, 1280, 1920]);
        return job(
          'image.resize',
          [
            {
              image_id: `img_${r.int(1, 1_000_000)}`,
              width,
              height: Math.round((width * 9) / 16),
              steps: r.int(4, 10),
              work_ms: work(1000, 4000, r),
              fail_attempts: r.chance(0.03) ? 1 : 0,
            },
          ],
          queued('media', { retry: retry.image, timeoutMs: 120_000 }),
        );
      }
      case 'report':
        return job(
          'report.generate',
          [
            {
              report: r.pick(REPORTS),
              tenant_id: r.pick(TENANTS),
              steps: 10,
              work_ms: work(10_000, 30_000, r),
            },
          ],
          queued('reports', { retry: retry.report, timeoutMs: 600_000 }),
        );
      case 'etl_chain':
        return {
          kind: 'workflow',
          name: `etl-${n}`,
          definition: chain(
            step(
              'etl.fetch',
              [{ source: r.pick(SOURCES), rows: r.int(1000, 100_000), work_ms: work(300, 1500, r) }],
              {
                ...queued('etl'),
                retry: retry.etl,
              },
            ),
            step(
              'etl.transform',
              [{ drop_ratio: Math.round(r.next() * 10) / 100, work_ms: work(300, 1500, r) }],
              {
                ...queued('etl'),
                retry: retry.etl,
              },
            ),
            step(
              'etl.load',
              [{ table: r.pick(['orders', 'sessions', 'events']), work_ms: work(200, 800, r) }],
              {
                ...queued('etl'),
                retry: retry.etl,
              },
            ),
          ),
        };
      case 'thumbnail_group': {
        const image = `img_${r.int(1, 1_000_000)}`;
        const sizes = [64, 128, 256, 512].slice(0, r.int(2, 4));
        return {
          kind: 'workflow',
          name: `thumbnails-${image}`,
          definition: group(
            ...sizes.map((size) =>
              step(
                'thumbnail.generate',
                [
                  {
                    image_id: image,
                    size,
                    work_ms: work(150, 700, r),
                    fail_attempts: r.chance(0.05) ? 1 : 0,
                  },
                ],
                queued('media', { retry: retry.image }),
              ),
            ),
          ),
        };
      }
      case 'campaign_batch': {
        const campaign = `campaign-${n}`;
        const recipients = r.int(3, 8);
        return {
          kind: 'workflow',
          name: campaign,
          definition: batch(
            {
              onComplete: step('campaign.report', [{ campaign }], queued('default')),
              onFailure: step('campaign.alert', [{ campaign }], queued('default')),
            },
            ...Array.from({ length: recipients }, () =>
              step(
                'email.send',
                [
                  {
                    to: `subscriber${r.int(1, 50_000)}@example.com`,
                    template: 'newsletter',
                    work_ms: work(20, 150, r),
                    // some newsletters bounce for good, so on_failure fires now and then
                    fail_attempts: r.chance(0.04) ? 99 : 0,
                  },
                ],
                queued('email', { retry: { ...retry.email, maxAttempts: 2 } }),
              ),
            ),
          ),
        };
      }
    }
  };

  return {
    seed: root.seed,
    nextAction(): PlannedAction {
      clock += jobsRng.exponential(meanGapMs);
      seq++;
      const kind = jobsRng.weighted(ACTION_WEIGHTS);
      return { ...makeAction(kind, seq, jobsRng), seq, atMs: Math.round(clock) };
    },
    nextVisit(): PlannedVisit {
      visitClock += Math.max(50, churnRng.int(20_000, 60_000) * timeScale);
      visitSeq++;
      const profile = churnRng.pick(VISITOR_WORKERS);
      const stay = Math.max(50, churnRng.int(30_000, 120_000) * timeScale);
      return {
        workerId: `demo-${profile.profile}-${visitSeq}`,
        profile,
        joinAtMs: Math.round(visitClock),
        leaveAtMs: Math.round(visitClock + stay),
      };
    },
  };
}
