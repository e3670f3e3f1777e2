/**
 * How Lookout's browser tooling (end-to-end tests, screenshots, the web bench) launches Chromium: Debian's
 * build (no downloaded browsers), headless, without the background services that need a network.
 */

/** The Chromium executable; `CHROMIUM_PATH` overrides Debian's `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch options for Playwright's `chromium.launch()` / `use.launchOptions`. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}
