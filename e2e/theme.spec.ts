import { expect, test } from './support/test';

test.use({ colorScheme: 'dark' });

test('dark mode follows the system and can be switched', async ({ page }) => {
  await page.goto('/settings');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 18, 23)');

  await page.getByTestId('theme-select').selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-select').selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
