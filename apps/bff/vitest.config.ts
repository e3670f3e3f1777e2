import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Several tests run real servers and streams; on a loaded 2-core machine they need room.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
