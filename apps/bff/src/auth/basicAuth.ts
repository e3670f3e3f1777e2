import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AuthProvider } from './AuthProvider';
import { hashPassword, isPasswordHash, verifyPassword } from './passwordHash';
import { roleSchema } from '../api/schemas';
import type { AuthUser } from './roles';
import type { SessionManager } from './SessionManager';

const usersFileSchema = z.strictObject({
  users: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        role: roleSchema,
        password_hash: z.string().refine(isPasswordHash, {
          message: 'must be scrypt$N$r$p$salt$hash (npm run hash-password --workspace=@lookout/bff)',
        }),
      }),
    )
    .min(1, 'must list at least one user'),
});

export interface PasswordUser {
  name: string;
  role: AuthUser['role'];
  passwordHash: string;
}

/** Parses the users file (`{ "users": [{ "name", "role", "password_hash" }] }`); throws naming the bad field. */
export function parseUsersFile(text: string, label = 'users file'): PasswordUser[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${label}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${label}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  const seen = new Set<string>();
  return parsed.data.users.map((u) => {
    if (seen.has(u.name)) throw new Error(`${label}: duplicate user "${u.name}"`);
    seen.add(u.name);
    return { name: u.name, role: u.role, passwordHash: u.password_hash };
  });
}

export function loadUsersFile(file: string): PasswordUser[] {
  return parseUsersFile(readFileSync(file, 'utf8'), file);
}

/**
 * `LOOKOUT_AUTH=basic`: users and scrypt hashes from a file; a successful `POST /api/auth/login` starts a
 * server-side session. An unknown user costs the same hash work as a wrong password.
 */
export function basicAuth(users: PasswordUser[], sessions: SessionManager): AuthProvider {
  const byName = new Map(users.map((u) => [u.name, u]));
  // Same cost parameters as the first user, so unknown names take as long as known ones.
  const decoy = hashPassword(String(Math.random()), decoyParams(users[0]?.passwordHash));
  return {
    mode: 'basic',
    login: { kind: 'password' },
    authenticate: (c: Context) => sessions.read(c)?.user ?? null,
    csrfToken: (c) => sessions.csrfToken(c),
    verifyCsrf: (c, _user, token) => sessions.verifyCsrf(c, token),
    async passwordLogin(c, username, password) {
      const user = byName.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy));
      if (!user || !ok) return null;
      return sessions.create(c, { name: user.name, role: user.role }).user;
    },
    logout: (c) => sessions.revoke(c)?.user ?? null,
    close: () => sessions.close(),
  };
}

function decoyParams(hash: string | undefined): { N: number; r: number; p: number } {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$/.exec(hash ?? '');
  return m ? { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) } : { N: 32768, r: 8, p: 1 };
}
