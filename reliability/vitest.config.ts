import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real processes, sockets and hundreds of streams: files run one after another so that each has the
    // machine's two cores, and timeouts leave room for a loaded machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
