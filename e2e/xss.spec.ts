import { expect, test } from './support/test';
import { uniqueQueue } from './support/ojs';

test('markup in job args renders as text, never as HTML', async ({ page, ojs }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const payload = '<img src=x onerror=alert(1)>';
  const queue = uniqueQueue('xss');
  const job = await ojs.enqueue('e2e.render', [{ note: payload }], { queue });

  await page.goto(`/jobs?queue=${queue}`);
  await expect(page.getByTestId('job-row')).toHaveCount(1, { timeout: 20_000 });
  await page.goto(`/jobs/local/${job.id}`);
  const args = page.getByRole('group', { name: 'args' });
  await expect(args).toContainText(payload);
  await expect(page.locator('main img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
