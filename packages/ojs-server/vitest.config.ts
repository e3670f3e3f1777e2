import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The conformance files spend most of their time waiting on the cases' real-time sleeps (cron cases
    // sleep 65-130 s); running the memory and SQLite suites side by side halves the wall time.
    maxWorkers: 3,
    fileParallelism: true,
  },
});
