import { openPage } from './support/auth';
import { Ojs, uniqueQueue } from './support/ojs';
import { startStack, type Stack } from './support/stack';
import { expect, test } from './support/test';

// One read-only Lookout behind a (simulated) authenticating proxy on the loopback address, for the whole file.
test.describe.configure({ mode: 'serial' });

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startStack({
    demo: false,
    env: {
      LOOKOUT_AUTH: 'proxy',
      LOOKOUT_TRUSTED_PROXIES: '127.0.0.1/32,::1',
      LOOKOUT_PROXY_ROLE_MAP: 'lookout-ops=operator',
      LOOKOUT_READ_ONLY: '1',
    },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a request the proxy did not identify gets the sign-in page explaining so', async ({ browser }) => {
  const { context, page } = await openPage(browser, stack.url);
  await page.goto('/workers');
  await expect(page).toHaveURL(/\/login\?return_to=%2Fworkers$/);
  await expect(page.getByTestId('proxy-message')).toContainText('proxy did not identify you');
  await expect(page.getByTestId('login-submit')).toHaveCount(0);
  await context.close();
});

test('a proxied user is signed in by the headers; read-only mode disables writes with the reason', async ({
  browser,
}) => {
  const queue = uniqueQueue('proxy');
  await new Ojs(stack.ojsUrl).enqueue('e2e.noop', [], { queue });
  const { context, page } = await openPage(browser, stack.url, {
    extraHTTPHeaders: { 'x-forwarded-user': 'pat', 'x-forwarded-groups': 'lookout-ops' },
  });
  await page.goto(`/queues/local/${queue}`);
  await expect(page.getByTestId('user-name')).toHaveText('pat');
  await expect(page.getByTestId('user-role')).toHaveText('operator');
  // The proxy owns the session: no sign-out here.
  await expect(page.getByTestId('sign-out')).toHaveCount(0);
  const pause = page.getByTestId('queue-pause-toggle');
  await expect(pause).toBeDisabled();
  await expect(pause).toHaveAttribute('title', 'Lookout is read-only');
  await expect(pause).toHaveAccessibleDescription('Lookout is read-only');
  await context.close();
});
