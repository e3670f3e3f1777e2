import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enqueueRequestSchema, normalizeEnqueueRequest } from './job';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const suitesDir =
  process.env['OJS_CONFORMANCE_SUITES'] ?? resolve(repoRoot, '..', 'shared', 'ojs-conformance', 'suites');
const envelopeDir = join(suitesDir, 'level-0-core', 'envelope');
const available = existsSync(envelopeDir);

interface Step {
  id?: string;
  action?: string;
  path?: string;
  body?: unknown;
  assertions?: { status?: unknown };
}
interface Case {
  test_id: string;
  name: string;
  steps: Step[];
}

/** Expected status class of a step: '2xx' or '4xx' from `201`, `"number:range(400,422)"`, `{"$in":[...]}`. */
function expectedClass(status: unknown): '2xx' | '4xx' | undefined {
  const first = (n: number): '2xx' | '4xx' | undefined =>
    n >= 200 && n < 300 ? '2xx' : n >= 400 && n < 500 ? '4xx' : undefined;
  if (typeof status === 'number') return first(status);
  if (typeof status === 'string') {
    const nums = status.match(/\d{3}/g)?.map(Number) ?? [];
    const classes = new Set(nums.map(first));
    return classes.size === 1 ? [...classes][0] : undefined;
  }
  if (typeof status === 'object' && status !== null && '$in' in status && Array.isArray(status.$in)) {
    const classes = new Set(status.$in.filter((n): n is number => typeof n === 'number').map(first));
    return classes.size === 1 ? [...classes][0] : undefined;
  }
  return undefined;
}

function accepts(body: unknown): boolean {
  const parsed = enqueueRequestSchema.safeParse(body);
  if (!parsed.success) return false;
  try {
    normalizeEnqueueRequest(parsed.data, Date.parse('2026-01-01T00:00:00Z'));
    return true;
  } catch {
    return false;
  }
}

const cases: { label: string; body: unknown; expected: '2xx' | '4xx' }[] = [];
if (available) {
  for (const file of readdirSync(envelopeDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const c = JSON.parse(readFileSync(join(envelopeDir, file), 'utf8')) as Case;
    for (const step of c.steps) {
      if (step.action !== 'POST' || step.path !== '/ojs/v1/jobs') continue;
      const expected = expectedClass(step.assertions?.status);
      if (!expected) continue;
      cases.push({ label: `${c.test_id} ${c.name} ${step.id ?? ''}`.trim(), body: step.body, expected });
    }
  }
}

describe.skipIf(!available)('official level-0 envelope cases', () => {
  it('finds cases', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => c.expected === '4xx')).toBe(true);
  });
  it.each(cases)('$label → $expected', ({ body, expected }) => {
    expect(accepts(body)).toBe(expected === '2xx');
  });
});

if (!available) {
  describe('official level-0 envelope cases', () => {
    it.skip(`suite not found at ${envelopeDir}; get it from github.com/openjobspec/ojs-conformance and set OJS_CONFORMANCE_SUITES`, () => {});
  });
}
