/**
 * Bench runner: `tsx run.ts [name...]` runs the named benches (all when none is named), writes
 * `results/<name>.json` for each and regenerates `BENCHMARKS.md` at the repository root from every result.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { benchResultSchema, type BenchDefinition, type BenchResult } from './lib/benchTypes';
import { machineInfo } from './lib/machine';
import { renderBenchmarks, renderResult } from './lib/renderBenchmarks';
import { withVerdict } from './lib/verdict';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const resultsDir = join(benchDir, 'results');
const NOT_BENCHES = new Set(['lib', 'results', 'node_modules']);

function availableBenches(): string[] {
  return readdirSync(benchDir, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && !NOT_BENCHES.has(d.name) && existsSync(join(benchDir, d.name, 'index.ts')),
    )
    .map((d) => d.name)
    .sort();
}

function isBenchDefinition(value: unknown): value is BenchDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['title'] === 'string' && typeof v['run'] === 'function';
}

async function load(name: string): Promise<BenchDefinition> {
  const mod: unknown = await import(pathToFileURL(join(benchDir, name, 'index.ts')).href);
  const bench =
    typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['bench'] : undefined;
  if (!isBenchDefinition(bench))
    throw new Error(`bench/${name}/index.ts must export \`bench\` ({ name, title, run })`);
  return bench;
}

function readResults(): BenchResult[] {
  if (!existsSync(resultsDir)) return [];
  const results: BenchResult[] = [];
  for (const file of readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = benchResultSchema.safeParse(JSON.parse(readFileSync(join(resultsDir, file), 'utf8')));
    if (parsed.success) results.push(parsed.data);
    else console.error(`bench: ignoring results/${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return results;
}

async function main(args: string[]): Promise<number> {
  const available = availableBenches();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      `Usage: npm run bench -- [--quick] [name...]\n  --quick (or BENCH_QUICK=1): short smoke run of every phase\n  --render: only regenerate BENCHMARKS.md from bench/results\nBenches: ${available.join(', ')}`,
    );
    return 0;
  }
  if (args.includes('--quick')) process.env['BENCH_QUICK'] = '1';
  if (args.includes('--render')) {
    await writeBenchmarks();
    return 0;
  }
  const names = args.filter((a) => a !== '--quick');
  const unknown = names.filter((a) => !available.includes(a));
  if (unknown.length > 0) {
    console.error(`bench: unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const selected = names.length > 0 ? names : available;
  if (process.env['BENCH_QUICK'] === '1')
    console.error('bench: quick mode (BENCH_QUICK=1): smoke run, figures not representative');
  mkdirSync(resultsDir, { recursive: true });
  let failed = 0;
  for (const name of selected) {
    const started = Date.now();
    const machine = machineInfo();
    try {
      const bench = await load(name);
      console.error(`bench ${name}: ${bench.title}`);
      const report = await bench.run({ repoRoot, log: (line) => console.error(`  [${name}] ${line}`) });
      const result: BenchResult = {
        name,
        title: bench.title,
        date: new Date(started).toISOString(),
        node: process.versions.node,
        machine,
        durationMs: Date.now() - started,
        figures: report.figures.map(withVerdict),
        ratios: report.ratios.map(withVerdict),
        notes: report.notes,
        quick: process.env['BENCH_QUICK'] === '1',
      };
      writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
      console.log(`\n${renderResult(result)}\n`);
    } catch (e) {
      failed++;
      console.error(`bench ${name} failed:`, e);
    }
  }
  await writeBenchmarks();
  return failed > 0 ? 1 : 0;
}

/** Regenerates BENCHMARKS.md from every stored result. */
async function writeBenchmarks(): Promise<void> {
  const target = join(repoRoot, 'BENCHMARKS.md');
  const markdown = renderBenchmarks(readResults());
  const config = (await resolveConfig(target)) ?? {};
  writeFileSync(target, await format(markdown, { ...config, parser: 'markdown' }));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
