import type { MeDto } from '@nuanxin/shared';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from './api-error';
import { takeEarlyGet } from './early';
import { ME_KEY, queryClient } from './react-query';

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `/api/v1/x?a=1`, leaving out empty values so the server sees its defaults. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The CSRF token of the signed-in session, read from the cached `/me` answer. */
export function csrfToken(): string | null {
  const me = queryClient.getQueryData<MeDto | null>(ME_KEY);
  return me?.csrfToken ?? null;
}

/**
 * fetch wrapper for the JSON API: sends the session cookie, adds `X-CSRF-Token` on unsafe methods,
 * and turns every error answer into an ApiError with the server's code and requestId.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  // A caller's own token (the residents' self-service session has its own) is kept.
  if (UNSAFE.has(method) && !headers['x-csrf-token']) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  // A plain GET the boot script already started for this page (src/boot.ts) is taken once.
  const plain = method === 'GET' && !opts.query && opts.body === undefined && !opts.headers && !opts.signal;
  const early = plain ? takeEarlyGet(path) : undefined;
  let res: Response;
  try {
    res = await (early ??
      fetch(buildUrl(path, opts.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      }));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ code: NETWORK_ERROR_CODE, status: 0, message: 'network error' });
  }
  const requestId = res.headers.get('x-request-id');
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) throw toApiError(res.status, body, requestId);
  return body as T;
}
