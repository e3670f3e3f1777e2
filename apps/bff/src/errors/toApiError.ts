import { z } from 'zod';
import { API_ERROR_CODES, ApiError, type ApiErrorStatus } from './ApiError';

/**
 * The structural shape of an upstream client error (`OjsError` from the OJS client): `status` 0 means no
 * HTTP response was obtained. Matched structurally so that the mapping does not depend on module identity.
 */
const upstreamErrorSchema = z.object({
  name: z.literal('OjsError'),
  code: z.string(),
  status: z.number(),
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type UpstreamErrorLike = z.infer<typeof upstreamErrorSchema>;

export function asUpstreamError(error: unknown): UpstreamErrorLike | null {
  if (error === null || typeof error !== 'object') return null;
  const record = error as Record<string, unknown>;
  const parsed = upstreamErrorSchema.safeParse({
    name: record.name,
    code: record.code,
    status: record.status,
    message: record.message,
    retryable: record.retryable,
    details: record.details,
  });
  return parsed.success ? parsed.data : null;
}

const PASS_THROUGH_STATUSES = new Set<number>([400, 404, 409, 413, 422, 429]);

/**
 * Maps anything thrown while serving a request to an ApiError. Upstream failures keep their meaning:
 * unreachable or timed out -> 502 `backend_unavailable`; garbage, truncated or oversized bodies ->
 * 502 `bad_upstream_response`; upstream 4xx pass through with the upstream's code; upstream 5xx -> 502.
 */
export function toApiError(error: unknown, cluster?: string): ApiError {
  if (error instanceof ApiError) return error;
  const upstream = asUpstreamError(error);
  if (upstream) {
    const clusterDetail: Record<string, unknown> = cluster === undefined ? {} : { cluster };
    const upstreamDetails = upstream.details === undefined ? {} : { upstream: upstream.details };
    if (
      upstream.status === 0 ||
      upstream.code === 'backend_unavailable' ||
      upstream.code === 'backend_timeout' ||
      upstream.status === 503 ||
      upstream.status === 504
    ) {
      if (upstream.code === API_ERROR_CODES.badUpstreamResponse) {
        return new ApiError({
          status: 502,
          code: API_ERROR_CODES.badUpstreamResponse,
          message: upstream.message,
          retryable: true,
          details: { ...clusterDetail, ...upstreamDetails },
        });
      }
      return new ApiError({
        status: 502,
        code: API_ERROR_CODES.backendUnavailable,
        message: `OJS server${cluster === undefined ? '' : ` "${cluster}"`} is unavailable: ${upstream.message}`,
        retryable: true,
        details: { ...clusterDetail, upstream_code: upstream.code, upstream_status: upstream.status },
      });
    }
    if (upstream.code === API_ERROR_CODES.badUpstreamResponse) {
      return new ApiError({
        status: 502,
        code: API_ERROR_CODES.badUpstreamResponse,
        message: upstream.message,
        retryable: true,
        details: { ...clusterDetail, upstream_status: upstream.status, ...upstreamDetails },
      });
    }
    if (PASS_THROUGH_STATUSES.has(upstream.status)) {
      return new ApiError({
        status: upstream.status as ApiErrorStatus,
        code: upstream.code,
        message: upstream.message,
        retryable: upstream.retryable,
        details: { ...clusterDetail, ...upstreamDetails },
      });
    }
    if (upstream.status === 401 || upstream.status === 403) {
      return new ApiError({
        status: 502,
        code: API_ERROR_CODES.backendUnavailable,
        message: `OJS server${cluster === undefined ? '' : ` "${cluster}"`} refused Lookout's credentials (${upstream.status}); check the cluster token`,
        retryable: false,
        details: { ...clusterDetail, upstream_code: upstream.code, upstream_status: upstream.status },
      });
    }
    if (upstream.status === 405 || upstream.status === 501) {
      return new ApiError({
        status: 501,
        code: API_ERROR_CODES.unsupported,
        message: `OJS server${cluster === undefined ? '' : ` "${cluster}"`} does not support this operation`,
        details: { ...clusterDetail, upstream_status: upstream.status },
      });
    }
    return new ApiError({
      status: 502,
      code: API_ERROR_CODES.upstreamError,
      message: `OJS server${cluster === undefined ? '' : ` "${cluster}"`} failed: ${upstream.message}`,
      retryable: upstream.retryable,
      details: { ...clusterDetail, upstream_code: upstream.code, upstream_status: upstream.status },
    });
  }
  return new ApiError({
    status: 500,
    code: API_ERROR_CODES.internal,
    message: 'internal error',
    retryable: true,
    cause: error,
  });
}
