import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MIN_SECRET_LENGTH = 32;

/**
 * The key that signs session cookies: LOOKOUT_SESSION_SECRET when set, else the one stored in
 * `<dataDir>/session-secret` (created with mode 0600 on first start, so sessions survive restarts).
 */
export function loadSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`LOOKOUT_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return configured;
  }
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
