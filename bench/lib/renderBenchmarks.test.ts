import { describe, expect, it } from 'vitest';
import { benchResultSchema, type BenchResult } from './benchTypes';
import { renderBenchmarks, renderResult } from './renderBenchmarks';

const result: BenchResult = {
  name: 'server',
  title: 'Server',
  date: '2026-01-01T00:00:00.000Z',
  node: '20.20.0',
  machine: {
    hostname: 'h',
    platform: 'linux',
    arch: 'x64',
    release: '6',
    cpus: 2,
    cpuModel: 'CPU',
    totalMemoryGiB: 8,
    loadAverage: [0.5, 0.4, 0.3],
  },
  durationMs: 120_000,
  figures: [
    {
      key: 'a',
      label: 'enqueue',
      value: 45_000,
      unit: 'jobs/s',
      target: { op: '>=', value: 40_000 },
      met: true,
    },
    { key: 'b', label: 'list p99', value: 7.5, unit: 'ms', target: { op: '<=', value: 5 }, met: false },
    { key: 'c', label: 'rss', value: 900, unit: 'MiB', note: 'at 1M jobs' },
    { key: 'x', label: 'bullmq', value: 25_000, unit: 'jobs/s' },
  ],
  ratios: [
    {
      key: 'r',
      label: 'ojs / bullmq',
      value: 1.8,
      unit: 'x',
      numerator: 'a',
      denominator: 'x',
      target: { op: '>=', value: 1.5 },
      met: true,
    },
  ],
  notes: ['a note'],
};

describe('renderBenchmarks', () => {
  it('prints each measure with its target and MET/MISSED', () => {
    const text = renderResult(result);
    expect(text).toContain('| enqueue | 45,000 jobs/s | >= 40,000 jobs/s | MET |');
    expect(text).toContain('| list p99 | 7.50 ms | <= 5.00 ms | **MISSED** |');
    expect(text).toContain('| rss (at 1M jobs) | 900 MiB |  |  |');
    expect(text).toContain(
      '| ojs / bullmq | 1.80x | enqueue: 45,000 jobs/s | bullmq: 25,000 jobs/s | >= 1.50x | MET |',
    );
    expect(text).toContain('- a note');
    expect(text).toContain('Node 20.20.0');
  });

  it('summarises every bench', () => {
    const md = renderBenchmarks([result]);
    expect(md.startsWith('# Benchmarks')).toBe(true);
    expect(md).toContain('| `server` | Server | 2026-01-01 | 2 x CPU, Node 20.20.0, load 0.50 | 2/3 met |');
  });

  it('marks quick smoke runs', () => {
    const quick = { ...result, quick: true };
    expect(renderResult(quick)).toContain('quick smoke run (not representative)');
    expect(renderBenchmarks([quick])).toContain('| 2026-01-01 (quick) |');
  });
});

describe('benchResultSchema', () => {
  it('reads back a figure that could not be measured (NaN stored as null)', () => {
    const stored: unknown = JSON.parse(
      JSON.stringify({ ...result, figures: [{ key: 'n', label: 'n', value: Number.NaN, unit: 'ms' }] }),
    );
    const parsed = benchResultSchema.parse(stored);
    expect(parsed.figures[0]?.value).toBeNaN();
    expect(renderResult(parsed)).toContain('| n | n/a |  |  |');
  });
});
