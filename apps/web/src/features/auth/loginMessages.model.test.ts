import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError';
import { loginErrorText, redirectErrorText, waitText } from './loginMessages.model';

describe('loginErrorText', () => {
  it('says the same thing for any wrong credentials', () => {
    const error = new ApiError({ status: 401, code: 'invalid_credentials', message: 'invalid credentials' });
    expect(loginErrorText(error)).toBe('Wrong user name or password.');
  });

  it('gives the wait on a lockout', () => {
    const error = new ApiError({
      status: 429,
      code: 'rate_limited',
      message: 'too many',
      retryAfterSeconds: 840,
    });
    expect(loginErrorText(error)).toBe('Too many failed sign-ins. Try again in 14 minutes.');
    expect(loginErrorText(new ApiError({ status: 429, code: 'rate_limited', message: 'x' }))).toBe(
      'Too many failed sign-ins. Try again later.',
    );
  });

  it('passes other server messages through', () => {
    expect(
      loginErrorText(new ApiError({ status: 400, code: 'invalid_request', message: 'username is required' })),
    ).toBe('username is required');
  });
});

describe('waitText', () => {
  it('uses seconds under a minute and whole minutes above', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(45)).toBe('45 seconds');
    expect(waitText(60)).toBe('1 minute');
    expect(waitText(61)).toBe('2 minutes');
  });
});

describe('redirectErrorText', () => {
  it('explains known codes and names unknown ones', () => {
    expect(redirectErrorText('no_role')).toMatch(/no Lookout role/);
    expect(redirectErrorText('weird')).toBe('Sign-in failed (weird). Please try again.');
  });
});
