import { run } from '@lookout/test-kit/processes';

/** Absolute path of `bin` on PATH, or undefined. */
export async function which(bin: string): Promise<string | undefined> {
  try {
    return (await run('sh', ['-c', `command -v ${bin}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The executable `bin`; when missing, installs Debian's `pkg` with apt-get (as root, or through sudo) and
 * says so, the way CI installs Chromium.
 */
export async function ensureDebianBinary(
  bin: string,
  pkg: string,
  purpose: string,
  log: (line: string) => void,
): Promise<string> {
  const found = await which(bin);
  if (found) return found;
  const apt = await which('apt-get');
  const manual = `apt-get update && apt-get install -y --no-install-recommends ${pkg}`;
  if (!apt)
    throw new Error(`${bin} (${purpose}) is not installed and apt-get is not available: install ${pkg}`);
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? undefined : await which('sudo');
  if (!asRoot && !sudo) throw new Error(`${bin} (${purpose}) is missing; install it with: ${manual}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = (args: string[]): [string, string[]] =>
    asRoot ? [apt, args] : [sudo as string, [apt, ...args]];
  log(`${bin} not found: installing Debian's ${pkg} with apt-get (${purpose}): ${manual}`);
  await run(...cmd(['update', '-qq']), { env });
  await run(...cmd(['install', '-y', '-qq', '--no-install-recommends', pkg]), { env });
  const installed = await which(bin);
  if (!installed) throw new Error(`apt-get installed ${pkg} but ${bin} is not on PATH`);
  log(`installed ${pkg}: ${installed}`);
  return installed;
}
