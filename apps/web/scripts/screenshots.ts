/**
 * Screenshots of every page in light and dark, for looking at the console and for the README.
 * Usage: tsx scripts/screenshots.ts <base-url> <out-dir> [page-name ...]
 * With sign-in on, LOOKOUT_SCREENSHOT_USER / LOOKOUT_SCREENSHOT_PASSWORD sign in through the password form
 * first (the `login` shot is the sign-in page). LOOKOUT_SCREENSHOT_SIZE=1280x800 sets the viewport.
 * Content-Security-Policy violations and console errors are printed.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '@lookout/test-kit/chromium';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? './screenshots';
const only = process.argv.slice(4);

const pages: [string, string][] = [
  ['overview', '/'],
  ['queues', '/queues'],
  ['jobs', '/jobs'],
  ['dead-letter', '/dead-letter'],
  ['workflows', '/workflows'],
  ['workers', '/workers'],
  ['crons', '/crons'],
  ['events', '/events'],
  ['settings', '/settings'],
  ['audit', '/audit'],
];

const [width, height] = (process.env.LOOKOUT_SCREENSHOT_SIZE ?? '1440x900').split('x').map(Number);
const user = process.env.LOOKOUT_SCREENSHOT_USER;
const password = process.env.LOOKOUT_SCREENSHOT_PASSWORD ?? '';

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: width ?? 1440, height: height ?? 900 },
    });
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(
          `CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    page.on('pageerror', (e) => console.error(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`[${scheme}] console: ${m.text()}`);
    });
    const shoot = async (name: string) => {
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `${out}/${name}-${scheme}.png` });
      console.log(`${out}/${name}-${scheme}.png`);
    };
    if (user) {
      await page.goto(`${base}/login`);
      await page.getByLabel('User name').waitFor();
      if (only.length === 0 || only.includes('login')) {
        await page.getByLabel('User name').fill(user);
        await page.getByLabel('Password').fill('wrong password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').waitFor();
        await page.getByLabel('User name').fill(user);
        await shoot('login');
      }
      await page.getByLabel('User name').fill(user);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
    }
    for (const [name, path] of pages) {
      if (only.length > 0 && !only.includes(name)) continue;
      await page.goto(base + path);
      await shoot(name);
    }
    if (only.length === 0 || only.includes('job')) {
      await page.goto(`${base}/jobs?state=discarded`);
      await page.getByTestId('job-row').first().click();
      await shoot('job');
    }
    if (only.length === 0 || only.includes('workflow')) {
      await page.goto(`${base}/workflows`);
      await page.locator('[data-testid="workflow-row"] a').first().click();
      await shoot('workflow');
    }
    if (only.length === 0 || only.includes('palette')) {
      await page.goto(`${base}/queues`);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('go');
      await shoot('palette');
    }
    await context.close();
  }
  await browser.close();
}

void main();
