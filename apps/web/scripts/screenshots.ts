/**
 * Screenshots of every page in light and dark, for looking at the console and for the README.
 * Usage: tsx scripts/screenshots.ts <base-url> <out-dir> [page-name ...]
 */
import { chromium } from '@playwright/test';
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
];

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`[${scheme}] console: ${m.text()}`);
    });
    const shoot = async (name: string) => {
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `${out}/${name}-${scheme}.png` });
      console.log(`${out}/${name}-${scheme}.png`);
    };
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
