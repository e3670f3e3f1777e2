import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { openPage, signInWithPassword, writeUsersFile } from './support/auth';
import { startStack, type Stack } from './support/stack';
import { expect, test } from './support/test';

// One Lookout with password sign-in for the whole file.
test.describe.configure({ mode: 'serial' });

let stack: Stack;
let usersDir: string;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  usersDir = mkdtempSync(path.join(tmpdir(), 'lookout-e2e-users-'));
  const usersFile = writeUsersFile(usersDir, [
    { name: 'ada', role: 'admin', password: 'correct horse battery' },
    { name: 'otto', role: 'operator', password: 'operator pass 42' },
  ]);
  stack = await startStack({
    env: { LOOKOUT_AUTH: 'basic', LOOKOUT_USERS_FILE: usersFile },
    demo: false,
  });
  ({ context, page } = await openPage(browser, stack.url));
  // Every page load reports Content-Security-Policy violations to the test (the policy is the BFF's).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.text().startsWith('CSP violation')) cspViolations.push(m.text());
  });
});

test.afterAll(async () => {
  await context?.close();
  await stack?.stop();
  if (usersDir) rmSync(usersDir, { recursive: true, force: true });
});

test('an anonymous visitor is sent to sign in and lands where they were', async () => {
  await page.goto('/queues?cluster=local');
  await expect(page).toHaveURL(/\/login\?return_to=%2Fqueues%3Fcluster%3Dlocal$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await signInWithPassword(page, 'ada', 'not the password');
  await expect(page.getByTestId('login-error')).toHaveText('Wrong user name or password.');
  await expect(page).toHaveURL(/\/login/);

  await signInWithPassword(page, 'ada', 'correct horse battery');
  await expect(page).toHaveURL(/\/queues\?cluster=local$/);
  await expect(page.getByTestId('user-name')).toHaveText('ada');
  await expect(page.getByTestId('user-role')).toHaveText('admin');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Audit log/ }),
  ).toBeVisible();
});

test('an expired session sends the next call to sign in, once, and back', async () => {
  await page.goto('/queues');
  await expect(page.getByTestId('user-name')).toHaveText('ada');
  await context.clearCookies();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Dead letter/ })
    .click();
  await expect(page).toHaveURL(/\/login\?return_to=%2Fdead-letter/);
  await expect(page.getByTestId('login-page')).toBeVisible();
  // Staying on the sign-in page: no redirect loop.
  await page.waitForTimeout(1500);
  await expect(page).toHaveURL(/\/login\?return_to=%2Fdead-letter/);

  await signInWithPassword(page, 'otto', 'operator pass 42');
  await expect(page).toHaveURL(/\/dead-letter/);
  await expect(page.getByTestId('user-role')).toHaveText('operator');
  // Operators do not see the audit log.
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Audit log/ }),
  ).toHaveCount(0);
});

test('sign out ends the session', async () => {
  await page.goto('/jobs');
  await expect(page.getByTestId('user-name')).toHaveText('otto');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/jobs');
  await expect(page).toHaveURL(/\/login\?return_to=%2Fjobs/);
  const me = await page.request.get('/api/me');
  expect(((await me.json()) as { user: unknown }).user).toBeNull();
});

test('repeated wrong passwords lock the account out, with the wait shown', async () => {
  await page.goto('/login');
  for (let i = 0; i < 5; i++) {
    await signInWithPassword(page, 'mallory', `guess ${i}`);
    await expect(page.getByTestId('login-error')).toHaveText('Wrong user name or password.');
  }
  await signInWithPassword(page, 'mallory', 'guess 5');
  await expect(page.getByTestId('login-error')).toHaveText(
    /Too many failed sign-ins\. Try again in \d+ (minutes?|seconds?)\./,
  );
});

test('the console runs under the strict Content-Security-Policy without a violation', async () => {
  const response = await page.request.get('/');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(cspViolations).toEqual([]);
});
