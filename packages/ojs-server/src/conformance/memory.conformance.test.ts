import { defineConformanceSuite } from '@lookout/test-kit';
import { MemoryStore } from '../store/MemoryStore';
import { inProcessTarget } from './conformanceTarget';
import { CORE_SUITES, EXPECTED_FAILURES, EXT_SUITES } from './expectedFailures';

defineConformanceSuite({
  title: 'OJS conformance (memory store)',
  suites: [...CORE_SUITES, ...EXT_SUITES],
  target: inProcessTarget(() => new MemoryStore()),
  concurrency: 8,
  expectedFailures: EXPECTED_FAILURES,
});
