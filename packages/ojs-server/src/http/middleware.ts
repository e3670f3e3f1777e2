import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock';
import { invalidRequest, OjsServerError } from '../errors';
import type { ServerOptions } from '../options';
import { uuidv7 } from '../util/uuidv7';
import type { AppEnv } from './AppEnv';
import { JSON_MEDIA_TYPES, mediaType, payloadTooLarge } from './body';
import { completeResponses, errorResponse, OJS_VERSION } from './response';
import { TokenBuckets } from './TokenBucket';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const HEALTH_PATH = '/ojs/v1/health';

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Every request: `X-Request-Id` (echoed or `req_<uuidv7>`), `OJS-Version: 1.0`, version negotiation,
 * optional Bearer API key (health exempt), request rate limit headers, the body size limit by
 * Content-Length and the Content-Type rule (bodies must be JSON).
 */
export function ojsMiddleware(options: ServerOptions, clock: Clock): MiddlewareHandler<AppEnv> {
  const buckets =
    options.requestRateLimit === false
      ? undefined
      : new TokenBuckets(options.requestRateLimit.burst, options.requestRateLimit.perSecond);
  const apiKey = options.apiKey;

  return async (c, next): Promise<Response | void> => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : `req_${uuidv7()}`;
    c.set('requestId', requestId);

    let rate: ReturnType<TokenBuckets['take']> | undefined;
    const base = (): Record<string, string> => {
      const h: Record<string, string> = { 'OJS-Version': OJS_VERSION, 'X-Request-Id': requestId };
      if (rate) {
        h['X-RateLimit-Limit'] = String(rate.limit);
        h['X-RateLimit-Remaining'] = String(rate.remaining);
        h['X-RateLimit-Reset'] = String(rate.resetSec);
      }
      return h;
    };
    /** Responses not built by ojsJson (streams, 204s, other extensions) get the headers afterwards. */
    const finish = (res: Response): Response => {
      if (completeResponses.has(res)) return res;
      for (const [k, v] of Object.entries(base())) res.headers.set(k, v);
      return res;
    };
    const reject = (err: OjsServerError): Response => finish(errorResponse(err, requestId));

    const path = c.req.path;
    if (apiKey !== undefined && path !== HEALTH_PATH) {
      const auth = c.req.header('authorization');
      const m = auth !== undefined ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
      if (!m) {
        return reject(
          new OjsServerError(401, 'unauthenticated', 'missing bearer token', {
            retryable: false,
            headers: { 'WWW-Authenticate': 'Bearer' },
          }),
        );
      }
      if (!safeEqual(m[1] as string, apiKey)) {
        return reject(new OjsServerError(403, 'permission_denied', 'invalid API key', { retryable: false }));
      }
    }

    if (buckets) {
      const m = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
      rate = buckets.take(
        m?.[1] ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'anonymous',
        clock.now(),
      );
      if (!rate.ok) {
        return reject(
          new OjsServerError(
            429,
            'rate_limited',
            'Too many requests. Please retry after the indicated period.',
            {
              retryable: true,
              headers: { 'Retry-After': rate.retryAfterSec.toFixed(3) },
            },
          ),
        );
      }
    }

    const version = c.req.header('ojs-version');
    if (version !== undefined && version.trim() !== '' && !/^1(\.|$)/.test(version.trim())) {
      return reject(
        new OjsServerError(
          422,
          'unsupported',
          `OJS-Version '${version}' is not supported; this server speaks 1.0`,
          {
            retryable: false,
            details: { supported: ['1.0'] },
          },
        ),
      );
    }

    const method = c.req.method;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') {
      const length = c.req.header('content-length');
      if (length !== undefined && Number(length) > options.maxBodyBytes) {
        return reject(payloadTooLarge(options.maxBodyBytes));
      }
      const hasBody =
        (length !== undefined && Number(length) > 0) || c.req.header('transfer-encoding') !== undefined;
      const type = mediaType(c.req.header('content-type'));
      if (hasBody && type !== undefined && !JSON_MEDIA_TYPES.has(type)) {
        return reject(
          invalidRequest(
            `unsupported Content-Type '${type}'; use application/openjobspec+json or application/json`,
          ),
        );
      }
      if (hasBody && type === undefined) {
        return reject(invalidRequest('a request body needs Content-Type application/openjobspec+json'));
      }
    }

    c.set('baseHeaders', base());
    await next();
    finish(c.res);
  };
}
