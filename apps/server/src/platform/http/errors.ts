import { ERROR_CODES, type ErrorCode } from '@nuanxin/shared';

/**
 * The one error type of the server. Services throw it; the HTTP error handler renders
 * `{ code, message, details?, requestId }` with the status that belongs to the code.
 * `message` is English for logs and API clients; the web app translates by `code`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what = 'Resource', code: ErrorCode = 'common.not_found') =>
  new AppError(code, `${what} not found`);
export const forbidden = (message = 'You may not do this', code: ErrorCode = 'common.forbidden') =>
  new AppError(code, message);
export const unauthenticated = (message = 'Sign in first') => new AppError('common.unauthenticated', message);
export const conflict = (message: string, code: ErrorCode = 'common.conflict', details?: unknown) =>
  new AppError(code, message, details);
export const validation = (message: string, details?: unknown) =>
  new AppError('common.validation', message, details);
