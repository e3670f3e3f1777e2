import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('a dead-letter group is retried in bulk with confirmation and progress', async ({ page, ojs }) => {
  const queue = uniqueQueue('dl');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const job = await ojs.enqueue('e2e.invoice', [{ invoice: `inv-${i}` }], {
      queue,
      retry: { max_attempts: 1, on_exhaustion: 'dead_letter' },
    });
    ids.push(job.id);
  }
  for (let i = 0; i < 3; i++) {
    const job = await ojs.fetchOne(queue);
    await ojs.fail(job.id, 'ledger_locked', `ledger locked for inv-${i}`);
  }

  await page.goto(`/dead-letter?queue=${queue}`);
  const group = page.getByTestId('dead-letter-group').filter({ hasText: 'ledger_locked' });
  await expect(group).toHaveAttribute('data-count', '3', { timeout: 20_000 });

  await group.getByTestId('group-retry').click();
  const dialog = page.getByTestId('group-dialog');
  await expect(dialog).toContainText('Retry 3 failed jobs?');
  await page.getByTestId('group-confirm').click();
  await expect(page.getByTestId('operation')).toHaveAttribute('data-state', 'completed', { timeout: 20_000 });
  await expect(page.getByTestId('operation')).toContainText('3 of 3 processed');

  for (const id of ids) expect((await ojs.job(id)).state).toBe('available');
});
