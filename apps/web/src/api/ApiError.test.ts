import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, errorPosition } from './ApiError';

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
