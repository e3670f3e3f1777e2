import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@lookout/test-kit/chromium';

/** End-to-end tests drive the real stack in Debian's Chromium (no downloaded browser builds; CHROMIUM_PATH overrides it). */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
});
