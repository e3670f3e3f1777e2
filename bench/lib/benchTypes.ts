import { z } from 'zod';

/** A target a measured value is held to: `>= 40000`, `<= 5`. */
export const targetSchema = z.object({
  op: z.enum(['>=', '<=']),
  value: z.number(),
});
export type Target = z.infer<typeof targetSchema>;

/** One measured number. `met` is filled in by the runner from `target`. */
export const figureSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  /** Not finite when it could not be measured (stored as null in JSON). */
  value: z
    .number()
    .nullable()
    .transform((v) => v ?? Number.NaN),
  unit: z.string(),
  target: targetSchema.optional(),
  met: z.boolean().optional(),
  note: z.string().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

/** A quotient of two figures of the same run (e.g. OJS end-to-end / BullMQ end-to-end). */
export const ratioSchema = figureSchema.extend({
  numerator: z.string(),
  denominator: z.string(),
});
export type Ratio = z.infer<typeof ratioSchema>;

export const machineSchema = z.object({
  hostname: z.string(),
  platform: z.string(),
  arch: z.string(),
  release: z.string(),
  cpus: z.number().int(),
  cpuModel: z.string(),
  totalMemoryGiB: z.number(),
  loadAverage: z.array(z.number()),
});
export type Machine = z.infer<typeof machineSchema>;

/** `bench/results/<name>.json`. */
export const benchResultSchema = z.object({
  name: z.string(),
  title: z.string(),
  date: z.string(),
  node: z.string(),
  machine: machineSchema,
  durationMs: z.number(),
  figures: z.array(figureSchema),
  ratios: z.array(ratioSchema),
  notes: z.array(z.string()),
  /** A `--quick` smoke run (short windows, small data): figures not representative. */
  quick: z.boolean().optional(),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

/** What a bench's `run` returns; the runner adds the machine, date, duration and verdicts. */
export interface BenchReport {
  figures: Figure[];
  ratios: Ratio[];
  notes: string[];
}

export interface BenchContext {
  /** Repository root. */
  repoRoot: string;
  /** Progress output (stderr), one line at a time. */
  log: (line: string) => void;
}

/** A bench: `bench/<name>/index.ts` exports one as `bench`. */
export interface BenchDefinition {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}
