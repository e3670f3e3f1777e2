import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('select all matching, preview the count, confirm and follow a bulk cancel', async ({ page, ojs }) => {
  const queue = uniqueQueue('bulk');
  for (let i = 0; i < 5; i++) await ojs.enqueue('e2e.digest', [{ n: i }], { queue });

  await page.goto(`/jobs?queue=${queue}`);
  await expect(page.getByTestId('job-row')).toHaveCount(5, { timeout: 20_000 });
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('bulk-bar')).toContainText('All 5 matching jobs selected');
  await expect(page).toHaveURL(/sel=all/);

  await page.getByTestId('bulk-cancel').click();
  await expect(page.getByTestId('bulk-count')).toContainText('cancel 5 jobs');
  const phrase = page.getByLabel(/to confirm/);
  if (await phrase.count()) {
    const text = (await page.getByTestId('bulk-dialog').locator('code').first().textContent()) ?? '';
    await phrase.fill(text);
  }
  await page.getByTestId('bulk-confirm').click();
  await expect(page.getByTestId('operation')).toHaveAttribute('data-state', 'completed', { timeout: 20_000 });
  await expect(page.getByTestId('operation')).toContainText('5 of 5 processed');
});
