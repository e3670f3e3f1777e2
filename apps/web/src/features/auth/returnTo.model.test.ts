import { describe, expect, it } from 'vitest';
import { loginHref, oidcLoginHref, safeReturnTo } from './returnTo.model';

describe('safeReturnTo', () => {
  it('keeps same-origin relative paths with their query and hash', () => {
    expect(safeReturnTo('/jobs?state=failed')).toBe('/jobs?state=failed');
    expect(safeReturnTo('/queues/local/emails#top')).toBe('/queues/local/emails#top');
    expect(safeReturnTo('/')).toBe('/');
  });

  it('refuses absolute and protocol-relative addresses', () => {
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('//evil.example/jobs')).toBe('/');
    expect(safeReturnTo('javascript:alert(1)')).toBe('/');
    expect(safeReturnTo('jobs')).toBe('/');
  });

  it('refuses backslashes and control characters browsers would reinterpret', () => {
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('/\t/evil.example')).toBe('/');
    expect(safeReturnTo('/jobs\n')).toBe('/');
  });

  it('refuses the sign-in page itself (no loop) and non-strings', () => {
    expect(safeReturnTo('/login?return_to=/jobs')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(42)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
  });

  it('normalises dot segments without leaving the origin', () => {
    expect(safeReturnTo('/a/../jobs')).toBe('/jobs');
    expect(safeReturnTo('/..//evil.example')).toBe('/');
    expect(safeReturnTo('/jobs/..//evil.example')).toBe('/');
  });
});

describe('loginHref', () => {
  it('carries where the user was, encoded', () => {
    expect(loginHref('/jobs?state=failed')).toBe('/login?return_to=%2Fjobs%3Fstate%3Dfailed');
  });
  it('leaves out a return to the overview or to an unsafe place', () => {
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('//evil.example')).toBe('/login');
  });
});

describe('oidcLoginHref', () => {
  it('appends the sanitised return_to to the BFF start address', () => {
    expect(oidcLoginHref('/api/auth/oidc/login', '/jobs?state=failed')).toBe(
      '/api/auth/oidc/login?return_to=%2Fjobs%3Fstate%3Dfailed',
    );
    expect(oidcLoginHref('/api/auth/oidc/login', 'https://evil.example')).toBe(
      '/api/auth/oidc/login?return_to=%2F',
    );
  });
  it('never sends the browser to a login address off this origin', () => {
    expect(oidcLoginHref('https://evil.example/login', '/')).toBe('/api/auth/oidc/login?return_to=%2F');
  });
});
