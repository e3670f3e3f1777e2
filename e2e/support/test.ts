import { test as base, expect } from '@playwright/test';
import { Ojs } from './ojs';
import { startStack, type Stack } from './stack';

/** Specs get the running stack (one per worker: the config runs one worker) and an OJS driver. */
export const test = base.extend<{ ojs: Ojs }, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const stack = await startStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.url),
  ojs: async ({ stack }, use) => use(new Ojs(stack.ojsUrl)),
});

export { expect };
