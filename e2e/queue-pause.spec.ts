import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('a queue is paused and resumed, each confirmed', async ({ page, ojs }) => {
  const queue = uniqueQueue('pause');
  await ojs.enqueue('e2e.noop', [], { queue });

  await page.goto(`/queues/local/${queue}`);
  const queuePage = page.getByTestId('queue-page');
  await expect(queuePage).toHaveAttribute('data-paused', 'false');

  await page.getByTestId('queue-pause-toggle').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Pause queue' }).click();
  await expect(queuePage).toHaveAttribute('data-paused', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('paused-badge')).toBeVisible();

  await page.getByTestId('queue-pause-toggle').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resume queue' }).click();
  await expect(queuePage).toHaveAttribute('data-paused', 'false', { timeout: 20_000 });
});
