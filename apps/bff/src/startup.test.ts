import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs the real entry point (`src/main.ts` under tsx) and collects its exit code and output. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'main.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main did not exit: ${output}`));
    }, 45_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('start-up', () => {
  it('refuses LOOKOUT_AUTH=none on a non-loopback address, with a message naming the fix', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-startup-'));
    try {
      const { code, output } = await runMain({
        HOST: '0.0.0.0',
        LOOKOUT_AUTH: 'none',
        PORT: '0',
        LOOKOUT_DATA_DIR: dataDir,
        LOOKOUT_WEB_DIR: 'none',
      });
      expect(code).toBe(2);
      expect(output).toContain('configuration error');
      expect(output).toContain('"0.0.0.0" is not a loopback address');
      expect(output).toContain('HOST=127.0.0.1');
      expect(output).toContain('LOOKOUT_AUTH=basic, oidc or proxy');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses basic sign-in with an unreadable users file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-startup-'));
    try {
      const { code, output } = await runMain({
        HOST: '127.0.0.1',
        LOOKOUT_AUTH: 'basic',
        LOOKOUT_USERS_FILE: path.join(dataDir, 'missing-users.json'),
        OJS_URL: 'http://127.0.0.1:9',
        PORT: '0',
        LOOKOUT_DATA_DIR: dataDir,
        LOOKOUT_WEB_DIR: 'none',
      });
      expect(code).toBe(2);
      expect(output).toContain('basic sign-in');
      expect(output).toContain('missing-users.json');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
