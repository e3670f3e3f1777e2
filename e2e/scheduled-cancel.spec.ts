import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('a scheduled job explains why it waits and can be cancelled', async ({ page, ojs }) => {
  const queue = uniqueQueue('sched');
  const at = new Date(Date.now() + 3_600_000).toISOString();
  const job = await ojs.enqueue('e2e.reminder', [{ user: 42 }], { queue, scheduled_at: at });

  await page.goto(`/jobs?queue=${queue}&state=scheduled`);
  await page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'scheduled');
  await expect(page.getByTestId('why')).toBeVisible();

  await page.getByTestId('job-cancel').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel job' }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'cancelled', { timeout: 20_000 });
  expect((await ojs.job(job.id)).state).toBe('cancelled');
});
