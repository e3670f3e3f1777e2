import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConformanceSuite } from '@lookout/test-kit';
import { afterAll } from 'vitest';
import { SqliteStore } from '../store/SqliteStore';
import { inProcessTarget } from './conformanceTarget';
import { CORE_SUITES, EXPECTED_FAILURES, EXT_SUITES } from './expectedFailures';

const dir = mkdtempSync(join(tmpdir(), 'ojs-conformance-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

defineConformanceSuite({
  title: 'OJS conformance (sqlite store)',
  suites: [...CORE_SUITES, ...EXT_SUITES],
  target: inProcessTarget(() => new SqliteStore({ path: join(dir, `case-${++n}.db`) })),
  concurrency: 8,
  expectedFailures: EXPECTED_FAILURES,
});
