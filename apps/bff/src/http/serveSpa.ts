import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** A file name with a content hash (e.g. `index-3f2a9c1b.js`): safe to cache for a year. */
const HASHED = /[.-][A-Za-z0-9_]{8,}\.[a-z0-9]+$/;

/**
 * Serves the SPA build: files under `root`, hashed assets cached immutably, `index.html` (never cached)
 * for every other GET path outside `/api` and `/metrics` (client-side routing).
 */
export function serveSpa(root: string): MiddlewareHandler {
  const base = path.resolve(root);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const urlPath = decodeURIComponent(new URL(c.req.url).pathname);
    if (urlPath.startsWith('/api/') || urlPath === '/api' || urlPath === '/metrics') return next();
    const candidate = path.resolve(base, `.${urlPath}`);
    if (candidate.startsWith(base + path.sep)) {
      try {
        const info = await stat(candidate);
        if (info.isFile()) {
          const body = await readFile(candidate);
          const ext = path.extname(candidate).toLowerCase();
          const immutable = urlPath.startsWith('/assets/') || HASHED.test(path.basename(candidate));
          return c.body(body, 200, {
            'Content-Type': TYPES[ext] ?? 'application/octet-stream',
            'Cache-Control':
              immutable && ext !== '.html' ? 'public, max-age=31536000, immutable' : 'no-cache',
          });
        }
      } catch {
        // not a file: fall through to the SPA entry
      }
    }
    if (path.extname(urlPath) !== '' && !urlPath.endsWith('.html')) return next();
    try {
      const html = await readFile(path.join(base, 'index.html'));
      return c.body(html, 200, {
        'Content-Type': TYPES['.html'] ?? 'text/html',
        'Cache-Control': 'no-cache',
      });
    } catch {
      return next();
    }
  };
}
