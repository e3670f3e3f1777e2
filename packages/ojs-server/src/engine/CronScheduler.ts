import { isTerminalState } from '@lookout/ojs-types';
import { Cron } from 'croner';
import { z } from 'zod';
import { invalidRequest, notFound, OjsServerError } from '../errors';
import type { CronRecord } from '../store/records';
import type { OjsEngine } from './OjsEngine';
import { parseEnqueueRequest } from './parseEnqueue';

const iso = (ms: number): string => new Date(ms).toISOString();

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const EVERY = /^@every\s+(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const OVERLAP = z
  .enum(['skip', 'allow', 'cancel_previous', 'cancel', 'enqueue'])
  .transform((v): CronRecord['overlapPolicy'] =>
    v === 'cancel' ? 'cancel_previous' : v === 'enqueue' ? 'allow' : v,
  );

/**
 * POST /ojs/v1/cron: the openapi/CT shape `{name, expression, timezone, overlap_policy, job_template}` and the
 * HB/cron.md shape `{name, cron, timezone, type, args, meta, options, overlap_policy, enabled}`.
 */
export const cronRequestSchema = z.looseObject({
  name: z
    .string()
    .min(1, { error: 'is required' })
    .max(255)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { error: 'may contain letters, digits, "_", ".", ":" and "-"' }),
  expression: z.string().min(1).optional(),
  cron: z.string().min(1).optional(),
  schedule: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  overlap_policy: OVERLAP.optional(),
  enabled: z.boolean().optional(),
  description: z.string().max(1000).optional(),
  job_template: z
    .looseObject({
      type: z.string(),
      args: z.array(z.json()).optional(),
      meta: z.record(z.string(), z.json()).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  type: z.string().optional(),
  args: z.array(z.json()).optional(),
  meta: z.record(z.string(), z.json()).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** A parsed schedule: croner pattern or a fixed interval. */
export interface Schedule {
  next(afterMs: number): number | undefined;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parse a cron expression (5 or 6 fields, @aliases, `@every 30m`); throws 400 with the reason. */
export function parseSchedule(expression: string, timezone: string): Schedule {
  const expr = expression.trim();
  const every = EVERY.exec(expr);
  if (every) {
    const ms = Number(every[1]) * (UNIT_MS[every[2] as string] ?? 1000);
    if (ms < 1000) throw invalidRequest(`expression: @every interval must be at least 1 second`);
    return { next: (after) => after - (after % ms) + ms };
  }
  const pattern = ALIASES[expr.toLowerCase()] ?? expr;
  const fields = pattern.split(/\s+/).length;
  if (!pattern.startsWith('@') && (fields < 5 || fields > 6)) {
    throw new OjsServerError(400, 'invalid_request', `expression: '${expression}' must have 5 or 6 fields`, {
      details: { expression },
    });
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone, paused: true });
  } catch (e) {
    throw new OjsServerError(
      400,
      'invalid_request',
      `expression: '${expression}' is not a valid cron expression (${e instanceof Error ? e.message : String(e)})`,
      { details: { expression } },
    );
  }
  return {
    next: (after) => {
      const d = cron.nextRun(new Date(after));
      return d ? d.getTime() : undefined;
    },
  };
}

/**
 * Cron jobs (cron.md, openapi): registration (upsert by name), listing, deletion, and firing on the
 * scheduler tick with time zones and overlap policies (skip by default).
 */
export class CronScheduler {
  readonly #engine: OjsEngine;
  #schedules = new Map<string, { expression: string; timezone: string; schedule: Schedule }>();
  /** Cron records mirrored in memory (every change goes through this class), sorted by name. */
  #cache: Map<string, CronRecord> | undefined;

  #all(): Map<string, CronRecord> {
    if (!this.#cache) this.#cache = new Map(this.#engine.store.listCrons().map((c) => [c.name, c]));
    return this.#cache;
  }

  #put(cron: CronRecord): void {
    this.#engine.store.putCron(cron);
    this.#all().set(cron.name, cron);
  }

  constructor(engine: OjsEngine) {
    this.#engine = engine;
  }

  #schedule(cron: CronRecord): Schedule {
    const cached = this.#schedules.get(cron.name);
    if (cached && cached.expression === cron.expression && cached.timezone === cron.timezone)
      return cached.schedule;
    const schedule = parseSchedule(cron.expression, cron.timezone);
    this.#schedules.set(cron.name, { expression: cron.expression, timezone: cron.timezone, schedule });
    return schedule;
  }

  /** Register or replace (cron.md: registration is an upsert) a cron job. */
  register(body: unknown): { cron: CronRecord; created: boolean } {
    const parsed = cronRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw invalidRequest(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'cron'}: ${i.message}`).join('; '),
      );
    }
    const req = parsed.data;
    const expression = req.expression ?? req.cron ?? req.schedule;
    if (expression === undefined) throw invalidRequest('expression: is required');
    const timezone = req.timezone ?? 'UTC';
    if (!isValidTimezone(timezone)) throw invalidRequest(`timezone: '${timezone}' is not an IANA time zone`);
    const schedule = parseSchedule(expression, timezone);
    const tpl =
      req.job_template ??
      (req.type !== undefined
        ? { type: req.type, args: req.args, meta: req.meta, options: req.options }
        : undefined);
    if (!tpl) throw invalidRequest('job_template: is required (or type/args at the top level)');
    const template: CronRecord['template'] = { type: tpl.type, args: tpl.args ?? [] };
    if (tpl.meta !== undefined) template.meta = tpl.meta;
    if (tpl.options !== undefined) template.options = tpl.options;
    // the template must be an enqueueable job
    parseEnqueueRequest(this.#templateRequest(template, req.name), this.#engine.clock.now(), 'job_template');

    const now = this.#engine.clock.now();
    const existing = this.#all().get(req.name);
    const cron: CronRecord = {
      name: req.name,
      expression,
      timezone,
      overlapPolicy: req.overlap_policy ?? 'skip',
      enabled: req.enabled ?? true,
      template,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      runCount: existing?.runCount ?? 0,
    };
    if (req.description !== undefined) cron.description = req.description;
    if (existing?.lastRunAt !== undefined) cron.lastRunAt = existing.lastRunAt;
    if (existing?.lastJobId !== undefined) cron.lastJobId = existing.lastJobId;
    const next = schedule.next(now);
    if (next !== undefined) cron.nextRunAt = next;
    this.#schedules.set(cron.name, { expression, timezone, schedule });
    this.#engine.tx(() => {
      this.#put(cron);
      this.#engine.emit({
        type: existing ? 'cron.updated' : 'cron.registered',
        subject: cron.name,
        component: 'cron',
        data: { cron_name: cron.name, cron_expr: expression, timezone, job_type: template.type },
      });
    });
    return { cron, created: !existing };
  }

  get(name: string): CronRecord {
    const cron = this.#all().get(name);
    if (!cron) throw notFound('Cron job', name);
    return cron;
  }

  list(): CronRecord[] {
    return [...this.#all().values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  delete(name: string): CronRecord {
    const cron = this.get(name);
    this.#engine.tx(() => {
      this.#engine.store.deleteCron(name);
      this.#all().delete(name);
      this.#engine.emit({
        type: 'cron.deleted',
        subject: name,
        component: 'cron',
        data: { cron_name: name },
      });
    });
    this.#schedules.delete(name);
    return cron;
  }

  setEnabled(name: string, enabled: boolean): CronRecord {
    const cron = this.get(name);
    const now = this.#engine.clock.now();
    const next: CronRecord = { ...cron, enabled, updatedAt: now };
    if (enabled) {
      const at = this.#schedule(cron).next(now);
      if (at !== undefined) next.nextRunAt = at;
    }
    this.#engine.tx(() => {
      this.#put(next);
      this.#engine.emit({
        type: enabled ? 'cron.enabled' : 'cron.disabled',
        subject: name,
        component: 'cron',
        data: { cron_name: name },
      });
    });
    return next;
  }

  #templateRequest(template: CronRecord['template'], name: string): Record<string, unknown> {
    return {
      type: template.type,
      args: template.args,
      meta: { ...(template.meta ?? {}), cron_name: name },
      options: template.options ?? {},
    };
  }

  /** Fire every enabled cron whose next run is due; returns the number of jobs enqueued. */
  tick(now = this.#engine.clock.now()): number {
    let fired = 0;
    const maintenance = this.#engine.maintenance.enabled;
    for (const cron of [...this.#all().values()]) {
      if (!cron.enabled || cron.nextRunAt === undefined || cron.nextRunAt > now) continue;
      try {
        if (this.#fire(cron, now, maintenance)) fired++;
      } catch (e) {
        this.#engine.emit({
          type: 'cron.failed',
          subject: cron.name,
          component: 'cron',
          data: { cron_name: cron.name, error: e instanceof Error ? e.message : String(e) },
        });
        this.#advance(cron, now, cron.lastJobId);
      }
    }
    return fired;
  }

  #advance(cron: CronRecord, now: number, lastJobId: string | undefined, ran = false): void {
    const next: CronRecord = { ...cron, updatedAt: now };
    if (ran) {
      next.lastRunAt = now;
      next.runCount = cron.runCount + 1;
    }
    if (lastJobId !== undefined) next.lastJobId = lastJobId;
    const at = this.#schedule(cron).next(now);
    if (at !== undefined) next.nextRunAt = at;
    else delete next.nextRunAt;
    this.#put(next);
  }

  #fire(cron: CronRecord, now: number, maintenance: boolean): boolean {
    const scheduledAt = cron.nextRunAt ?? now;
    const skipped = (reason: string, existing?: string): false => {
      this.#engine.tx(() => {
        this.#engine.emit({
          type: 'cron.skipped',
          subject: cron.name,
          component: 'cron',
          data: {
            cron_name: cron.name,
            cron_expr: cron.expression,
            job_type: cron.template.type,
            scheduled_at: iso(scheduledAt),
            reason,
            ...(existing !== undefined ? { existing_job_id: existing } : {}),
          },
        });
        this.#advance(cron, now, cron.lastJobId);
      });
      return false;
    };
    if (maintenance) return skipped('maintenance');
    const previous = cron.lastJobId !== undefined ? this.#engine.store.getJob(cron.lastJobId) : undefined;
    const running = previous !== undefined && !isTerminalState(previous.state);
    if (running && cron.overlapPolicy === 'skip') return skipped('overlap', previous.id);
    return this.#engine.tx(() => {
      if (running && cron.overlapPolicy === 'cancel_previous') {
        this.#engine.cancelInTx(previous, { component: 'cron', reason: 'cron_overlap' });
      }
      const parsed = parseEnqueueRequest(
        this.#templateRequest(cron.template, cron.name),
        now,
        'job_template',
      );
      const { job } = this.#engine.enqueue(parsed, { component: 'cron' });
      this.#engine.emit({
        type: 'cron.triggered',
        subject: cron.name,
        component: 'cron',
        data: {
          cron_name: cron.name,
          cron_expr: cron.expression,
          job_type: job.type,
          job_id: job.id,
          queue: job.queue,
          scheduled_at: iso(scheduledAt),
        },
      });
      this.#advance(cron, now, job.id, true);
      return true;
    });
  }

  /** Earliest next run of an enabled cron (lets the scheduler sleep until it). */
  nextRunAt(): number | undefined {
    let at: number | undefined;
    for (const cron of [...this.#all().values()]) {
      if (cron.enabled && cron.nextRunAt !== undefined)
        at = at === undefined ? cron.nextRunAt : Math.min(at, cron.nextRunAt);
    }
    return at;
  }

  toWire(cron: CronRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: cron.name,
      expression: cron.expression,
      cron: cron.expression,
      timezone: cron.timezone,
      overlap_policy: cron.overlapPolicy,
      enabled: cron.enabled,
      job_template: cron.template,
      type: cron.template.type,
      args: cron.template.args,
      created_at: iso(cron.createdAt),
      updated_at: iso(cron.updatedAt),
      run_count: cron.runCount,
    };
    if (cron.template.options !== undefined) out['options'] = cron.template.options;
    if (cron.description !== undefined) out['description'] = cron.description;
    out['next_run_at'] = cron.enabled && cron.nextRunAt !== undefined ? iso(cron.nextRunAt) : null;
    out['last_run_at'] = cron.lastRunAt !== undefined ? iso(cron.lastRunAt) : null;
    if (cron.lastJobId !== undefined) {
      out['last_job_id'] = cron.lastJobId;
      // Beyond the spec: how the last run went, so a console need not fetch the job.
      const last = this.#engine.store.getJob(cron.lastJobId);
      if (last) out['last_job_state'] = last.state;
    }
    return out;
  }

  clear(): void {
    this.#schedules.clear();
    this.#cache = undefined;
  }
}
