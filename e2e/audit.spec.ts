import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { uniqueQueue } from './support/ojs';
import { expect, test } from './support/test';

/** Confirms whatever dialog is open with its primary button. */
async function confirm(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name }).click();
}

test('writes done in the console are on the audit page and in its exports', async ({ page, ojs }) => {
  test.setTimeout(120_000);
  const queue = uniqueQueue('audit');

  // Pause and resume the queue.
  await ojs.enqueue('e2e.noop', [], { queue });
  await page.goto(`/queues/local/${queue}`);
  const queuePage = page.getByTestId('queue-page');
  await page.getByTestId('queue-pause-toggle').click();
  await confirm(page, 'Pause queue');
  await expect(queuePage).toHaveAttribute('data-paused', 'true', { timeout: 20_000 });
  await page.getByTestId('queue-pause-toggle').click();
  await confirm(page, 'Resume queue');
  await expect(queuePage).toHaveAttribute('data-paused', 'false', { timeout: 20_000 });

  // Retry a discarded job.
  await ojs.enqueue('e2e.invoice', [{ n: 1 }], { queue, retry: { max_attempts: 1 } });
  const failing = await ojs.fetchOne(queue);
  await ojs.fail(failing.id, 'ledger_locked', 'ledger locked');
  await page.goto(`/jobs/local/${failing.id}`);
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'discarded', { timeout: 20_000 });
  await page.getByTestId('job-retry').click();
  await confirm(page, 'Retry job');
  await expect(page.getByTestId('job-page')).not.toHaveAttribute('data-state', 'discarded', {
    timeout: 20_000,
  });

  // Cancel a scheduled job.
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const scheduled = await ojs.enqueue('e2e.reminder', [{ n: 2 }], { queue, scheduled_at: later });
  await page.goto(`/jobs/local/${scheduled.id}`);
  await page.getByTestId('job-cancel').click();
  await confirm(page, 'Cancel job');
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'cancelled', { timeout: 20_000 });

  // A bulk cancel of everything left on the queue.
  await page.goto(`/jobs?queue=${queue}&state=available`);
  await expect(page.getByTestId('job-row').first()).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('select-all-matching').click();
  await page.getByTestId('bulk-cancel').click();
  const phrase = page.getByLabel(/to confirm/);
  if (await phrase.count()) {
    const text = (await page.getByTestId('bulk-dialog').locator('code').first().textContent()) ?? '';
    await phrase.fill(text);
  }
  await page.getByTestId('bulk-confirm').click();
  await expect(page.getByTestId('operation')).toHaveAttribute('data-state', 'completed', { timeout: 20_000 });

  // The audit page lists them, newest first, and its filters live in the URL.
  await page.goto('/audit');
  await expect(page.getByTestId('audit-page')).toBeVisible();
  const rows = page.getByTestId('audit-row');
  for (const action of ['queue.pause', 'queue.resume', 'job.retry', 'job.cancel', 'bulk.cancel']) {
    await expect(rows.and(page.locator(`[data-action="${action}"]`)).first()).toBeVisible({
      timeout: 20_000,
    });
  }
  await expect(rows.and(page.locator(`[data-action="queue.pause"]`)).first()).toContainText(`queue:${queue}`);
  await expect(rows.and(page.locator(`[data-action="job.retry"]`)).first()).toContainText(failing.id);

  await page.getByTestId('audit-action').fill('job.cancel');
  await page.getByTestId('audit-action').press('Enter');
  await expect(page).toHaveURL(/[?&]action=job\.cancel/);
  await expect(rows.first()).toHaveAttribute('data-action', 'job.cancel');
  await expect(rows.and(page.locator(':not([data-action="job.cancel"])'))).toHaveCount(0);

  // A deep link with a filter opens filtered.
  await page.goto(`/audit?q=${encodeURIComponent(queue)}&result=ok`);
  await expect(page.getByTestId('audit-q')).toHaveValue(queue);
  await expect(page.getByTestId('audit-result')).toHaveValue('ok');
  await expect(rows.and(page.locator(`[data-action="queue.resume"]`)).first()).toBeVisible();

  // Exports carry the current filters: here, the entries naming the queue.
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const csv = readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
  expect((await csvDownload).suggestedFilename()).toMatch(/^lookout-audit-.*\.csv$/);
  expect(csv.split('\n')[0]).toContain('action');
  for (const action of ['queue.pause', 'queue.resume', 'bulk.cancel']) expect(csv).toContain(action);
  expect(csv).not.toContain('job.retry');

  // Without filters, everything.
  await page.goto('/audit');
  await expect(rows.first()).toBeVisible();
  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('audit-export-json').click();
  const exported = JSON.parse(readFileSync((await (await jsonDownload).path()) ?? '', 'utf8')) as unknown;
  const entries: { action: string; result: string }[] = Array.isArray(exported)
    ? (exported as { action: string; result: string }[])
    : ((exported as { entries: { action: string; result: string }[] }).entries ?? []);
  const actions = new Set(entries.filter((e) => e.result === 'ok').map((e) => e.action));
  for (const action of ['queue.pause', 'queue.resume', 'job.retry', 'job.cancel', 'bulk.cancel'])
    expect(actions.has(action)).toBe(true);
});
