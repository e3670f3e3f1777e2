import type { BrowserContext, Page } from '@playwright/test';
import { openPage } from './support/auth';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidcProvider';
import { freePort, startStack, type Stack } from './support/stack';
import { expect, test } from './support/test';

// One identity provider and one Lookout signing in through it, for the whole file.
test.describe.configure({ mode: 'serial' });

let idp: TestIdentityProvider;
let stack: Stack;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // Lookout's public URL goes into the provider's client registration, so its port is chosen first.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider(`${publicUrl}/api/auth/oidc/callback`);
  stack = await startStack({
    port,
    demo: false,
    env: {
      LOOKOUT_AUTH: 'oidc',
      LOOKOUT_PUBLIC_URL: publicUrl,
      LOOKOUT_OIDC_ISSUER: idp.issuer,
      LOOKOUT_OIDC_CLIENT_ID: idp.clientId,
      LOOKOUT_OIDC_CLIENT_SECRET: idp.clientSecret,
      LOOKOUT_OIDC_ROLE_CLAIM: 'roles',
      LOOKOUT_OIDC_ROLE_MAP: 'lookout-admins=admin,ops=operator',
    },
  });
  ({ context, page } = await openPage(browser, stack.url));
});

// Each test signs in afresh at the provider (its own session would otherwise sign the last account in again).
test.beforeEach(async () => {
  await context.clearCookies();
});

test.afterAll(async () => {
  await context?.close();
  await stack?.stop();
  await idp?.stop();
});

/** The provider's development pages: any login name and password, then consent. */
async function signInAtProvider(login: string): Promise<void> {
  await page.getByTestId('oidc-sign-in').click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // Consent, when the provider asks for it.
  const consent = page.locator('input[name="prompt"][value="consent"]');
  if (await consent.count()) await page.locator('button[type="submit"]').click();
}

test('signing in at the identity provider lands back where the user was, with the role from the claim', async () => {
  await page.goto('/jobs?state=discarded');
  await expect(page).toHaveURL(/\/login\?return_to=%2Fjobs%3Fstate%3Ddiscarded$/);
  await expect(page.getByTestId('oidc-sign-in')).toHaveText(`Sign in with ${new URL(idp.issuer).host}`);

  await signInAtProvider('ada');
  await expect(page).toHaveURL(new RegExp(`^${stack.url}/jobs\\?state=discarded$`), { timeout: 20_000 });
  await expect(page.getByTestId('user-name')).toHaveText('ada');
  await expect(page.getByTestId('user-role')).toHaveText('admin');

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login$/);
  const me = await page.request.get('/api/me');
  expect(((await me.json()) as { user: unknown }).user).toBeNull();
});

test('a second account gets its own role from the role map', async () => {
  await page.goto('/queues');
  await signInAtProvider('otto');
  await expect(page).toHaveURL(new RegExp(`^${stack.url}/queues$`), { timeout: 20_000 });
  await expect(page.getByTestId('user-name')).toHaveText('otto');
  await expect(page.getByTestId('user-role')).toHaveText('operator');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login$/);
});

test('an account without a Lookout role is refused with a clear message', async () => {
  await page.goto('/login');
  await signInAtProvider('nobody');
  await expect(page).toHaveURL(/\/login\?error=no_role/, { timeout: 20_000 });
  await expect(page.getByTestId('login-error')).toContainText('no Lookout role');
});
