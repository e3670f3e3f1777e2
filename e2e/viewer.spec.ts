import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { openPage, signInWithPassword, writeUsersFile } from './support/auth';
import { Ojs, uniqueQueue, type OjsJob } from './support/ojs';
import { startStack, type Stack } from './support/stack';
import { expect, test } from './support/test';

// One Lookout with a viewer account for the whole file.
test.describe.configure({ mode: 'serial' });

let stack: Stack;
let usersDir: string;
let context: BrowserContext;
let page: Page;
let queue: string;
let job: OjsJob;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  usersDir = mkdtempSync(path.join(tmpdir(), 'lookout-e2e-users-'));
  const usersFile = writeUsersFile(usersDir, [{ name: 'vera', role: 'viewer', password: 'viewer pass 7' }]);
  stack = await startStack({ env: { LOOKOUT_AUTH: 'basic', LOOKOUT_USERS_FILE: usersFile }, demo: false });
  const ojs = new Ojs(stack.ojsUrl);
  queue = uniqueQueue('viewer');
  job = await ojs.enqueue('e2e.signup', [{ password: 'hunter2', user: 'ann' }], { queue });
  ({ context, page } = await openPage(browser, stack.url));
  await page.goto(`/jobs?queue=${queue}`);
  await signInWithPassword(page, 'vera', 'viewer pass 7');
  await expect(page.getByTestId('user-role')).toHaveText('viewer');
});

test.afterAll(async () => {
  await context?.close();
  await stack?.stop();
  if (usersDir) rmSync(usersDir, { recursive: true, force: true });
});

test('a viewer sees payloads with secrets redacted, marked as such', async () => {
  await page.goto(`/jobs?queue=${queue}`);
  const row = page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`);
  await expect(row).toContainText('ann', { timeout: 20_000 });
  await expect(row.getByTestId('redacted')).toHaveAttribute('title', 'hidden for the viewer role');
  expect(await page.content()).not.toContain('hunter2');

  await row.click();
  await expect(page.getByTestId('job-page')).toBeVisible();
  await expect(page.getByTestId('redaction-notice')).toBeVisible();
  const args = page.getByRole('group', { name: 'args' });
  await expect(args).toContainText('"ann"');
  await expect(args.getByTestId('redacted')).toHaveText(/\[redacted\]/);
  await expect(args.getByTestId('redacted')).toHaveAttribute('title', 'hidden for the viewer role');
  expect(await page.content()).not.toContain('hunter2');
});

test('a viewer sees write controls disabled, with the reason', async () => {
  await page.goto(`/jobs/local/${job.id}`);
  for (const action of ['job-cancel', 'job-delete']) {
    const button = page.getByTestId(action);
    await expect(button).toBeVisible();
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', 'needs the operator role');
    await expect(button).toHaveAccessibleDescription('needs the operator role');
  }
  // A click does nothing: no confirmation opens.
  await page.getByTestId('job-cancel').click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.goto(`/queues/local/${queue}`);
  const pause = page.getByTestId('queue-pause-toggle');
  await expect(pause).toBeDisabled();
  await expect(pause).toHaveAccessibleDescription('needs the operator role');

  await page.goto(`/jobs?queue=${queue}`);
  await expect(page.getByTestId('select-all-matching')).toHaveAttribute('title', 'needs the operator role');
});

test('a viewer does not see the audit log, and is told why at its address', async () => {
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Audit log/ }),
  ).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByTestId('audit-refused')).toContainText('needs the admin role');
});
