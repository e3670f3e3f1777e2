import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('deep links restore filters, also after a reload', async ({ page }) => {
  await page.goto('/jobs?state=retryable&queue=payments&q=type%3Apayment.charge');
  await expect(page.getByTestId('filter-state')).toHaveValue('retryable');
  await expect(page.getByTestId('filter-queue')).toHaveValue('payments');
  await expect(page.getByTestId('job-search')).toHaveValue('type:payment.charge');
  await page.reload();
  await expect(page.getByTestId('filter-state')).toHaveValue('retryable');
  await expect(page.getByTestId('job-search')).toHaveValue('type:payment.charge');

  await page.getByTestId('filter-state').selectOption('discarded');
  await expect(page).toHaveURL(/state=discarded/);
  await page.goBack();
  await expect(page.getByTestId('filter-state')).toHaveValue('retryable');
});

test('a syntax error in the search is shown inline at its position', async ({ page }) => {
  await page.goto('/jobs');
  await page.getByTestId('job-search').fill('state:running');
  await expect(page.getByTestId('search-error')).toContainText('unknown state');
  await expect(page).not.toHaveURL(/q=/);
});

test('keyboard: go-to keys, search, rows, palette and help', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('q');
  await expect(page).toHaveURL(/\/queues$/);
  await expect(page.getByTestId('queue-row').first()).toBeVisible({ timeout: 20_000 });

  await page.keyboard.press('j');
  await expect(page.getByTestId('queue-row').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/queues\/local\/.+/);

  await page.keyboard.press('/');
  await expect(page).toHaveURL(/\/jobs/);
  await expect(page.getByTestId('job-search')).toBeFocused();
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Command palette' });
  await expect(palette).toBeFocused();
  await palette.fill('dead');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dead-letter/);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Keyboard shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('keyboard in the jobs list: j/k move, x selects, Enter opens', async ({ page, ojs }) => {
  const queue = uniqueQueue('keys');
  const first = await ojs.enqueue('e2e.keys', [{ n: 1 }], { queue });
  const second = await ojs.enqueue('e2e.keys', [{ n: 2 }], { queue });
  await page.goto(`/jobs?queue=${queue}`);
  await expect(page.getByTestId('job-row')).toHaveCount(2, { timeout: 20_000 });

  await page.keyboard.press('j');
  await expect(page.locator(`[data-job-id="${second.id}"]`)).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.locator(`[data-job-id="${first.id}"]`)).toBeFocused();
  await page.keyboard.press('x');
  await expect(page.getByTestId('bulk-bar')).toContainText('1 selected');
  await page.keyboard.press('k');
  await expect(page.locator(`[data-job-id="${second.id}"]`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/jobs/local/${second.id}$`));
});
