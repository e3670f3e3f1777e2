import Database from 'better-sqlite3';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthUser, Role } from './roles';

export const SESSION_COOKIE = 'lookout_session';
export const PRE_SESSION_COOKIE = 'lookout_pre';

export interface Session {
  id: string;
  user: AuthUser;
  createdAt: number;
  expiresAt: number;
}

export interface SessionManagerOptions {
  secret: string;
  /** SQLite file of the session table; null keeps sessions in memory. */
  file: string | null;
  ttlMs: number;
  /** Cookies carry `Secure` (set when the public URL is https). */
  secure: boolean;
  now?: () => number;
}

interface SessionRow {
  name: string;
  role: Role;
  created_at: number;
  expires_at: number;
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Server-side sessions behind a signed, HttpOnly, SameSite=Lax cookie (`<id>.<hmac>`). The table keeps
 * only a hash of each id, so a leaked database cannot be replayed; sign-out deletes the row, so a copied
 * cookie stops working at once. CSRF tokens are HMACs bound to the session, or, before sign-in, to a
 * random pre-session cookie.
 */
export class SessionManager {
  private readonly db: Database.Database;
  private readonly secret: string;
  private readonly ttlMs: number;
  private readonly secure: boolean;
  private readonly now: () => number;
  private readonly cache = new WeakMap<Request, Session | null>();

  constructor(options: SessionManagerOptions) {
    if (options.file !== null) mkdirSync(path.dirname(options.file), { recursive: true });
    this.db = new Database(options.file ?? ':memory:');
    if (options.file !== null) chmodSync(options.file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id_hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
      created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`);
    this.secret = options.secret;
    this.ttlMs = options.ttlMs;
    this.secure = options.secure;
    this.now = options.now ?? Date.now;
  }

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest('base64url');
  }

  private static hashId(id: string): string {
    return createHash('sha256').update(id).digest('hex');
  }

  private cookieOptions(maxAgeSeconds: number) {
    return {
      httpOnly: true,
      sameSite: 'Lax' as const,
      path: '/',
      secure: this.secure,
      maxAge: maxAgeSeconds,
    };
  }

  /** The caller's live session, or null (no cookie, bad signature, unknown, revoked or expired). */
  read(c: Context): Session | null {
    const cached = this.cache.get(c.req.raw);
    if (cached !== undefined) return cached;
    const session = this.lookup(getCookie(c, SESSION_COOKIE));
    this.cache.set(c.req.raw, session);
    return session;
  }

  private lookup(cookie: string | undefined): Session | null {
    if (!cookie) return null;
    const dot = cookie.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = cookie.slice(0, dot);
    if (!safeEqual(cookie.slice(dot + 1), this.mac('session', id))) return null;
    const row = this.db
      .prepare('SELECT name, role, created_at, expires_at FROM sessions WHERE id_hash = ?')
      .get(SessionManager.hashId(id)) as SessionRow | undefined;
    if (!row || row.expires_at <= this.now()) return null;
    return {
      id,
      user: { name: row.name, role: row.role },
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Starts a session for `user` and sets its cookie (any earlier session of this browser is revoked). */
  create(c: Context, user: AuthUser): Session {
    const previous = this.read(c);
    if (previous) this.delete(previous.id);
    const now = this.now();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    const id = randomBytes(32).toString('base64url');
    const session: Session = { id, user, createdAt: now, expiresAt: now + this.ttlMs };
    this.db
      .prepare('INSERT INTO sessions (id_hash, name, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(SessionManager.hashId(id), user.name, user.role, now, session.expiresAt);
    setCookie(
      c,
      SESSION_COOKIE,
      `${id}.${this.mac('session', id)}`,
      this.cookieOptions(Math.floor(this.ttlMs / 1000)),
    );
    this.cache.set(c.req.raw, session);
    return session;
  }

  /** Revokes the caller's session server-side and clears the cookie. */
  revoke(c: Context): Session | null {
    const session = this.read(c);
    if (session) this.delete(session.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: this.secure, httpOnly: true, sameSite: 'Lax' });
    this.cache.set(c.req.raw, null);
    return session;
  }

  private delete(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(SessionManager.hashId(id));
  }

  /**
   * The CSRF token of the caller: bound to the session, or (signed out) to a pre-session cookie that this
   * call sets when missing, so the sign-in form is protected too.
   */
  csrfToken(c: Context): string {
    const session = this.read(c);
    if (session) return this.mac('csrf-session', session.id);
    let pre = getCookie(c, PRE_SESSION_COOKIE);
    if (!pre || !/^[A-Za-z0-9_-]{32,64}$/.test(pre)) {
      pre = randomBytes(24).toString('base64url');
      setCookie(c, PRE_SESSION_COOKIE, pre, this.cookieOptions(24 * 3600));
    }
    return this.mac('csrf-pre', pre);
  }

  verifyCsrf(c: Context, token: string): boolean {
    const session = this.read(c);
    if (session) return safeEqual(token, this.mac('csrf-session', session.id));
    const pre = getCookie(c, PRE_SESSION_COOKIE);
    return pre !== undefined && pre !== '' && safeEqual(token, this.mac('csrf-pre', pre));
  }

  /** Signs a short-lived value (e.g. the OIDC login state cookie). */
  sign(purpose: string, value: string): string {
    return `${Buffer.from(value).toString('base64url')}.${this.mac(purpose, value)}`;
  }

  unsign(purpose: string, signed: string | undefined): string | null {
    if (!signed) return null;
    const dot = signed.lastIndexOf('.');
    if (dot <= 0) return null;
    const value = Buffer.from(signed.slice(0, dot), 'base64url').toString('utf8');
    return safeEqual(signed.slice(dot + 1), this.mac(purpose, value)) ? value : null;
  }

  get secureCookies(): boolean {
    return this.secure;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
