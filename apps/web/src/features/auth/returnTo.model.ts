/** Where the sign-in page sends the user back to, and what it refuses. */
export const LOGIN_PATH = '/login';

/**
 * Keeps only a same-origin relative path: it must start with exactly one `/`, carry no backslash, no control
 * character and no scheme-like prefix, and not point back at the sign-in page (that would loop).
 * Anything else becomes `/`.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  // Browsers treat `\` like `/` in URLs (`/\evil.example`), and strip tabs/newlines before parsing.
  if (raw.includes('\\')) return '/';
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return '/';
  }
  let parsed: URL;
  try {
    parsed = new URL(raw, 'http://lookout.invalid');
  } catch {
    return '/';
  }
  if (parsed.origin !== 'http://lookout.invalid') return '/';
  if (parsed.pathname === LOGIN_PATH || parsed.pathname.startsWith(`${LOGIN_PATH}/`)) return '/';
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // Dot segments can collapse into a protocol-relative path (`/..//evil.example` -> `//evil.example`).
  return path.startsWith('//') ? '/' : path;
}

/** The sign-in page's address for someone who was at `current` (path + search + hash). */
export function loginHref(current: string): string {
  const back = safeReturnTo(current);
  return back === '/' ? LOGIN_PATH : `${LOGIN_PATH}?return_to=${encodeURIComponent(back)}`;
}

/** The BFF's OIDC start address, carrying where to come back to. */
export function oidcLoginHref(loginUrl: string, returnTo: string): string {
  const base = safeReturnTo(loginUrl) === '/' && loginUrl !== '/' ? '/api/auth/oidc/login' : loginUrl;
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}return_to=${encodeURIComponent(safeReturnTo(returnTo))}`;
}
