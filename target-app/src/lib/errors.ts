// Application errors: each has a stable `code`, an HTTP status, and the original error as `cause`.
// They are mapped to HTTP responses in exactly one place (lib/error-mapping.ts).
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DATABASE_NOT_READY'
  | 'DATABASE_UNAVAILABLE'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.details = options?.details;
  }
  readonly details: unknown;
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'VALIDATION_FAILED', message, { details });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'not allowed') {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string, id?: string, options?: { cause?: unknown }) {
    super(404, 'NOT_FOUND', id === undefined ? `${resource} not found` : `${resource} ${id} not found`, options);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(409, 'CONFLICT', message, options);
  }
}

/** Too many attempts; the middleware that throws it also sets Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSec: number) {
    super(429, 'RATE_LIMITED', `too many attempts; retry in ${retryAfterSec} s`);
  }
}
