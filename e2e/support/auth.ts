import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Role = 'viewer' | 'operator' | 'admin';

/** A password hash for LOOKOUT_USERS_FILE, made by the BFF's own hash-password command (password on stdin). */
export function hashPassword(password: string): string {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repo, 'apps/bff/src/auth/hashPasswordCli.ts')],
    { cwd: path.join(repo, 'apps/bff'), input: `${password}\n`, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`hash-password failed: ${result.stderr}`);
  const hash = result.stdout.trim().split('\n').pop() ?? '';
  if (!hash.startsWith('scrypt$')) throw new Error(`hash-password printed no hash: ${result.stdout}`);
  return hash;
}

/** Writes a users file (basic sign-in) into `dir` and returns its path. */
export function writeUsersFile(dir: string, users: { name: string; role: Role; password: string }[]): string {
  const file = path.join(dir, 'users.json');
  const body = {
    users: users.map((u) => ({ name: u.name, role: u.role, password_hash: hashPassword(u.password) })),
  };
  writeFileSync(file, JSON.stringify(body, null, 2), { mode: 0o600 });
  return file;
}

/**
 * A page of its own for a spec that runs its own stack (a sign-in mode): the default stack fixture is not
 * involved, so it is neither started nor disturbed.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the password form of the sign-in page the browser is on. */
export async function signInWithPassword(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-page')).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByTestId('login-submit').click();
}
