import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConformanceCase, normalizeCase } from './conformanceCase';

export const SUITES_ENV_VAR = 'OJS_CONFORMANCE_SUITES';
export const SUITES_SOURCE = 'github.com/openjobspec/ojs-conformance';

/** The repository root, four levels above this file (src/conformance -> src -> test-kit -> packages -> root). */
function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
}

/** The default location of the suites: `<repo root>/../shared/ojs-conformance/suites`. */
export function defaultSuitesDir(): string {
  return path.resolve(repoRoot(), '../shared/ojs-conformance/suites');
}

export interface SuitesDirResolution {
  /** The suites directory, or null when it does not exist. */
  dir: string | null;
  /** The directory that was looked at. */
  candidate: string;
  /** A one-line hint for when `dir` is null. */
  hint: string;
}

/**
 * Finds the OJS conformance suites: `$OJS_CONFORMANCE_SUITES` if set, else `<repo root>/../shared/ojs-conformance/suites`.
 * Returns `dir: null` and a one-line hint when the directory is absent.
 */
export function resolveSuitesDir(env: Record<string, string | undefined> = process.env): SuitesDirResolution {
  const fromEnv = env[SUITES_ENV_VAR]?.trim();
  const candidate = fromEnv ? path.resolve(fromEnv) : defaultSuitesDir();
  const ok = existsSync(candidate) && statSync(candidate).isDirectory();
  return {
    dir: ok ? candidate : null,
    candidate,
    hint: `OJS conformance suites not found at ${candidate}; get them from ${SUITES_SOURCE} and set ${SUITES_ENV_VAR}`,
  };
}

export interface LoadConformanceCasesOptions {
  /** The suites directory (see resolveSuitesDir). */
  dir: string;
  /** Top-level suite directories to load, e.g. ['level-0-core', 'ext-admin-api']. Loading is recursive. */
  suites: readonly string[];
  /** Keep only the cases for which this returns true. */
  filter?: (testCase: ConformanceCase) => boolean;
}

export class ConformanceLoadError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(problems.length > 0 ? `${message}:\n  ${problems.join('\n  ')}` : message);
    this.name = 'ConformanceLoadError';
  }
}

function listJsonFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(full);
  }
  return files;
}

/** Orders cases by test_id, then by file (some test ids are not unique in the suites). */
export function compareCases(a: ConformanceCase, b: ConformanceCase): number {
  if (a.testId !== b.testId) return a.testId < b.testId ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/**
 * Reads the case files of the named suites, validates and normalises them, and returns them sorted by test_id.
 * Throws (rejects with) ConformanceLoadError naming every unknown suite or malformed file.
 */
export function loadConformanceCases(options: LoadConformanceCasesOptions): Promise<ConformanceCase[]> {
  try {
    return Promise.resolve(loadConformanceCasesSync(options));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/** Synchronous loadConformanceCases, for registering tests at collection time. */
export function loadConformanceCasesSync(options: LoadConformanceCasesOptions): ConformanceCase[] {
  const dir = path.resolve(options.dir);
  const missing = options.suites.filter((s) => !existsSync(path.join(dir, s)));
  if (missing.length > 0) {
    const available = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
      : [];
    throw new ConformanceLoadError(`unknown conformance suite(s) in ${dir}`, [
      ...missing.map((s) => `${s}: no such directory`),
      `available: ${available.sort().join(', ') || '(none)'}`,
    ]);
  }
  const cases: ConformanceCase[] = [];
  const problems: string[] = [];
  for (const suite of options.suites) {
    for (const file of listJsonFiles(path.join(dir, suite)).sort()) {
      const rel = path.relative(dir, file).split(path.sep).join('/');
      try {
        const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
        cases.push(normalizeCase(json, { suite, file: rel }));
      } catch (err) {
        problems.push(`${rel}: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    }
  }
  if (problems.length > 0) throw new ConformanceLoadError('malformed conformance case file(s)', problems);
  const kept = options.filter ? cases.filter(options.filter) : cases;
  return kept.sort(compareCases);
}
