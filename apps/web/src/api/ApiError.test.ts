import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, errorPosition, parseRetryAfter } from './ApiError';

describe('ApiError', () => {
  it('carries the server error shape', () => {
    const error = ApiError.fromBody(
      400,
      {
        error: {
          code: 'invalid_request',
          message: 'unknown state',
          retryable: false,
          details: { position: 6 },
        },
      },
      'fallback',
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'unknown state',
      retryable: false,
    });
    expect(errorPosition(error)).toBe(6);
    expect(errorMessage(error)).toBe('unknown state');
  });

  it('falls back to the HTTP status for bodies in another shape', () => {
    const error = ApiError.fromBody(502, '<html>bad gateway</html>', 'GET /api/x failed with HTTP 502');
    expect(error).toMatchObject({
      code: 'server_error',
      retryable: true,
      message: 'GET /api/x failed with HTTP 502',
    });
    expect(errorPosition(error)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', 0)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:30 GMT', 0)).toBe(90);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', 60_000)).toBe(0);
  });
  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
  it('is carried by the error built from a 429', () => {
    const error = ApiError.fromBody(
      429,
      { error: { code: 'rate_limited', message: 'too many attempts' } },
      'fallback',
      300,
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 300 });
  });
});
