/** An error answer from the API, parsed from the envelope `{ code, message, details?, requestId }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(init: {
    code: string;
    status: number;
    message: string;
    requestId?: string | null;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId ?? null;
    this.details = init.details;
  }
}

/** Status 0 marks a request that never got an answer (offline, DNS, connection reset). */
export const NETWORK_ERROR_CODE = 'client.network';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Builds an ApiError from a failed response body; tolerant of non-JSON bodies (proxies, 502 pages). */
export function toApiError(status: number, body: unknown, fallbackRequestId: string | null): ApiError {
  if (isRecord(body) && typeof body.code === 'string') {
    return new ApiError({
      code: body.code,
      status,
      message: typeof body.message === 'string' ? body.message : body.code,
      requestId: typeof body.requestId === 'string' ? body.requestId : fallbackRequestId,
      details: body.details,
    });
  }
  const code =
    status === 401
      ? 'common.unauthenticated'
      : status === 403
        ? 'common.forbidden'
        : status === 404
          ? 'common.not_found'
          : status === 429
            ? 'common.rate_limited'
            : status >= 500
              ? 'common.unavailable'
              : 'unknown';
  return new ApiError({ code, status, message: `HTTP ${status}`, requestId: fallbackRequestId });
}
