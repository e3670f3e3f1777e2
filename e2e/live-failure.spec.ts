import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('a failing job appears live, shows its error, and completes after a retry', async ({ page, ojs }) => {
  const queue = uniqueQueue('live');
  await page.goto(`/jobs?queue=${queue}`);
  await expect(page.getByTestId('job-list')).toHaveAttribute('data-total', '0');

  const enqueued = await ojs.enqueue('e2e.flaky', [{ order: 7 }], { queue, retry: { max_attempts: 1 } });
  const taken = await ojs.fetchOne(queue);
  expect(taken.id).toBe(enqueued.id);
  await ojs.fail(taken.id, 'upstream_timeout', 'the warehouse API timed out after 30 s');

  // No reload: the row arrives through the live stream (or the visible fallback refresh).
  const row = page.locator(`[data-testid="job-row"][data-job-id="${enqueued.id}"]`);
  await expect(row).toHaveAttribute('data-state', 'discarded', { timeout: 20_000 });
  await expect(row).toContainText('upstream_timeout');

  await row.click();
  await expect(page).toHaveURL(new RegExp(`/jobs/[^/]+/${enqueued.id}$`));
  await expect(page.getByTestId('job-error-message').first()).toHaveText(
    'the warehouse API timed out after 30 s',
  );

  await page.getByTestId('job-retry').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(enqueued.id);
  await dialog.getByRole('button', { name: 'Retry job' }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'available', { timeout: 20_000 });

  const again = await ojs.fetchOne(queue);
  expect(again.id).toBe(enqueued.id);
  await ojs.ack(again.id, { shipped: true });
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'completed', { timeout: 20_000 });
  await expect(page.getByTestId('timeline')).toContainText('job.completed');
});
