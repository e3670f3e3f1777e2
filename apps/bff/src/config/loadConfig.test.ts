import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './loadConfig';

const cwd = '/srv/lookout';

function load(env: Record<string, string>, files: Record<string, string> = {}) {
  return loadConfig({
    env,
    cwd,
    readFile: (file) => {
      const content = files[file];
      if (content === undefined) throw new Error(`no file ${file}`);
      return content;
    },
    fileExists: (file) => file in files,
  });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded server with the demo', () => {
    const config = load({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.source).toBe('embedded');
    expect(config.embedded).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve(cwd, '.lookout'),
      demo: true,
    });
    expect(config.clusters).toEqual([{ id: 'local', name: 'Embedded', url: 'http://127.0.0.1:8080' }]);
    expect(config.upstreamTimeoutMs).toBe(5000);
    expect(config.cacheTtlMs).toBe(1000);
    expect(config.replayBufferSize).toBe(10_000);
    expect(config.heartbeatMs).toBe(15_000);
  });

  it('passes demo rate and seed to the embedded setup', () => {
    const config = load({ LOOKOUT_DEMO_RATE: '2.5', LOOKOUT_DEMO_SEED: '7' });
    expect(config.embedded).toMatchObject({ demo: true, demoRate: 2.5, demoSeed: '7' });
  });

  it('reads OJS_URL as a comma list with derived ids', () => {
    const config = load({ OJS_URL: 'http://a:8080, http://b:8080/', OJS_TOKEN: 's3cret', LOOKOUT_DEMO: '0' });
    expect(config.embedded).toBeNull();
    expect(config.source).toBe('env');
    expect(config.clusters).toEqual([
      { id: 'a-8080', name: 'a:8080', url: 'http://a:8080', token: 's3cret' },
      { id: 'b-8080', name: 'b:8080', url: 'http://b:8080', token: 's3cret' },
    ]);
  });

  it('names a single OJS_URL cluster "default"', () => {
    expect(load({ OJS_URL: 'https://ojs.example.com' }).clusters[0]?.id).toBe('default');
  });

  it('reads lookout.config.json', () => {
    const file = path.resolve(cwd, 'lookout.config.json');
    const config = load(
      {},
      {
        [file]: JSON.stringify({
          clusters: [
            { id: 'prod', name: 'Production', url: 'https://ojs.prod:8080', token: 't' },
            { id: 'staging', url: 'http://staging:8080' },
          ],
        }),
      },
    );
    expect(config.source).toBe('file');
    expect(config.clusters).toEqual([
      { id: 'prod', name: 'Production', url: 'https://ojs.prod:8080', token: 't' },
      { id: 'staging', name: 'staging:8080', url: 'http://staging:8080', token: undefined },
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, {}, 'PORT: must be a whole number'],
    [{ PORT: '70000' }, {}, 'PORT'],
    [{ OJS_URL: 'ftp://x' }, {}, 'OJS_URL[0] "ftp://x"'],
    [{ OJS_URL: 'http://a:1,not a url' }, {}, 'OJS_URL[1]'],
    [{ LOOKOUT_DEMO: 'maybe' }, {}, 'LOOKOUT_DEMO'],
    [{ LOOKOUT_DEMO_RATE: 'fast' }, {}, 'LOOKOUT_DEMO_RATE: must be a number'],
    [{ LOOKOUT_AUTH: 'magic' }, {}, 'LOOKOUT_AUTH'],
    [{ LOOKOUT_REPLAY_BUFFER: '10' }, {}, 'LOOKOUT_REPLAY_BUFFER'],
    [{ LOOKOUT_CONFIG: 'missing.json' }, {}, 'LOOKOUT_CONFIG: file not found'],
    [{ HOST: '0.0.0.0' }, {}, 'HOST: "0.0.0.0" is not a loopback address'],
    [{}, { 'lookout.config.json': '{nope' }, 'lookout.config.json: not valid JSON'],
    [
      {},
      { 'lookout.config.json': '{"clusters":[]}' },
      'lookout.config.json: clusters: must list at least one',
    ],
    [
      {},
      { 'lookout.config.json': '{"clusters":[{"id":"a","url":"http://x"},{"id":"b","url":"nope"}]}' },
      'lookout.config.json: clusters[1].url: must be an http:// or https:// URL',
    ],
    [{}, { 'lookout.config.json': '{"clusters":[{"id":"Bad Id","url":"http://x"}]}' }, 'clusters[0].id'],
    [
      {},
      { 'lookout.config.json': '{"clusters":[{"id":"a","url":"http://x"},{"id":"a","url":"http://y"}]}' },
      'clusters[1].id: duplicate cluster id "a"',
    ],
    [{}, { 'lookout.config.json': '{"clusters":[{"url":"http://x","colour":"red"}]}' }, 'clusters[0]'],
    [{ HOST: '0.0.0.0', LOOKOUT_AUTH: 'none' }, {}, 'set LOOKOUT_AUTH=basic, oidc or proxy'],
    [{ LOOKOUT_AUTH: 'basic' }, {}, 'LOOKOUT_USERS_FILE: required when LOOKOUT_AUTH=basic'],
    [
      { LOOKOUT_AUTH: 'basic', LOOKOUT_USERS_FILE: 'u.json', LOOKOUT_SESSION_SECRET: 'short' },
      {},
      'LOOKOUT_SESSION_SECRET: must be at least 32',
    ],
    [{ LOOKOUT_AUTH: 'oidc', LOOKOUT_OIDC_CLIENT_ID: 'x' }, {}, 'LOOKOUT_OIDC_ISSUER: required'],
    [
      { LOOKOUT_AUTH: 'oidc', LOOKOUT_OIDC_ISSUER: 'https://idp', LOOKOUT_OIDC_CLIENT_ID: 'x' },
      {},
      'LOOKOUT_PUBLIC_URL',
    ],
    [
      {
        LOOKOUT_AUTH: 'oidc',
        LOOKOUT_OIDC_ISSUER: 'http://idp.example',
        LOOKOUT_OIDC_CLIENT_ID: 'x',
        LOOKOUT_PUBLIC_URL: 'https://l',
      },
      {},
      'LOOKOUT_OIDC_ISSUER: must be an https:// URL',
    ],
    [
      {
        LOOKOUT_AUTH: 'oidc',
        LOOKOUT_OIDC_ISSUER: 'https://idp',
        LOOKOUT_OIDC_CLIENT_ID: 'x',
        LOOKOUT_PUBLIC_URL: 'https://l',
        LOOKOUT_OIDC_ROLE_MAP: 'ops=root',
      },
      {},
      'LOOKOUT_OIDC_ROLE_MAP: "ops=root"',
    ],
    [{ LOOKOUT_AUTH: 'proxy' }, {}, 'LOOKOUT_TRUSTED_PROXIES: required'],
    [
      { LOOKOUT_AUTH: 'proxy', LOOKOUT_TRUSTED_PROXIES: '10.0.0.0/99' },
      {},
      'LOOKOUT_TRUSTED_PROXIES: "10.0.0.0/99"',
    ],
    [{ LOOKOUT_REDACT_KEYS: '(' }, {}, 'LOOKOUT_REDACT_KEYS: must be a valid regular expression'],
    [
      { OJS_URL: 'http://ops:pw@ojs.internal' },
      {},
      'OJS_URL[0] "http://***@ojs.internal": must not hold credentials',
    ],
  ])('rejects %j %j naming the field', (env, relFiles, expected) => {
    const files = Object.fromEntries(Object.entries(relFiles).map(([k, v]) => [path.resolve(cwd, k), v]));
    expect(errorOf(() => load(env, files))).toContain(expected);
  });

  it('reads the sign-in modes', () => {
    expect(load({}).auth).toEqual({ mode: 'none' });
    expect(
      load({
        HOST: '0.0.0.0',
        LOOKOUT_AUTH: 'basic',
        LOOKOUT_USERS_FILE: 'users.json',
        LOOKOUT_SESSION_TTL_HOURS: '8',
      }).auth,
    ).toEqual({
      mode: 'basic',
      usersFile: path.resolve(cwd, 'users.json'),
      sessionSecret: undefined,
      sessionTtlHours: 8,
    });
    expect(
      load({
        LOOKOUT_AUTH: 'oidc',
        LOOKOUT_OIDC_ISSUER: 'https://idp.example.com/realms/x',
        LOOKOUT_OIDC_CLIENT_ID: 'lookout',
        LOOKOUT_PUBLIC_URL: 'https://lookout.example.com/',
        LOOKOUT_OIDC_ROLE_CLAIM: 'realm_access.roles',
        LOOKOUT_OIDC_DEFAULT_ROLE: 'viewer',
      }),
    ).toMatchObject({
      publicUrl: 'https://lookout.example.com',
      auth: {
        mode: 'oidc',
        redirectUrl: 'https://lookout.example.com/api/auth/oidc/callback',
        scopes: 'openid profile email',
        roleClaim: 'realm_access.roles',
        defaultRole: 'viewer',
      },
    });
    expect(
      load({
        HOST: '0.0.0.0',
        LOOKOUT_AUTH: 'proxy',
        LOOKOUT_TRUSTED_PROXIES: '10.0.0.0/8',
        LOOKOUT_PROXY_USER_HEADER: 'X-Auth-User',
      }).auth,
    ).toEqual({
      mode: 'proxy',
      userHeader: 'x-auth-user',
      roleHeader: 'x-forwarded-groups',
      roleMap: undefined,
      trustedProxies: '10.0.0.0/8',
    });
    expect(load({}).redactKeys).toContain('password');
    expect(load({}).trustedProxies).toBeNull();
    expect(load({ LOOKOUT_TRUSTED_PROXIES: '10.0.0.1' }).trustedProxies).toBe('10.0.0.1');
    expect(errorOf(() => load({ LOOKOUT_TRUSTED_PROXIES: 'gateway' }))).toContain(
      'LOOKOUT_TRUSTED_PROXIES: "gateway"',
    );
    expect(load({ LOOKOUT_DATA_DIR: 'data' }).dataDir).toBe(path.resolve(cwd, 'data'));
  });

  it('resolves the web dir', () => {
    expect(loadConfig({ env: {}, cwd, defaultWebDir: '/x/web' }).webDir).toBe('/x/web');
    expect(loadConfig({ env: { LOOKOUT_WEB_DIR: 'none' }, cwd, defaultWebDir: '/x/web' }).webDir).toBeNull();
    expect(loadConfig({ env: { LOOKOUT_WEB_DIR: 'public' }, cwd }).webDir).toBe(path.resolve(cwd, 'public'));
  });
});
