// The last middleware: every error a route throws ends here and becomes one response, through the
// single mapping in lib/error-mapping.ts. A database failure also wakes the reconnection loop.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.ts';
import { isDatabaseUnavailable, mapError, type MappingOptions } from '../lib/error-mapping.ts';
import type { Database } from '../lib/prisma.ts';

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export function sendError(
  req: Request,
  res: Response,
  error: { status: number; code: string; message: string; details?: unknown },
): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId: req.id } };
  // Every error response passes here: the metrics count it by its code (lib/metrics.ts).
  (res.locals as { errorCode?: string }).errorCode = error.code;
  if (error.details !== undefined) body.error.details = error.details;
  res.status(error.status).json(body);
}

export interface ErrorHandlerOptions extends MappingOptions {
  database: Database;
  retryAfterSec: number;
  /** Defect `exit-on-db-error`: the crash the fixes removed. */
  onDatabaseUnavailable?: (error: unknown) => void;
}

export function errorHandler(options: ErrorHandlerOptions) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const mapped = mapError(error, options);
    const context = {
      event: 'http.error',
      code: mapped.code,
      status: mapped.status,
      sourceCode: mapped.sourceCode,
      method: req.method,
      path: req.originalUrl,
    };
    if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
      // The database decides whether this failure changes its state (connection-level) or not (a timeout).
      options.database.reportFailure(error);
      options.onDatabaseUnavailable?.(error);
    }
    if (mapped.kind === 'write-conflict') {
      res.setHeader('Retry-After', String(options.retryAfterSec));
      req.log.info({ ...context, err: error }, 'write conflict; the client may retry');
    } else if (mapped.kind === 'database-unavailable') {
      res.setHeader('Retry-After', String(options.retryAfterSec));
      req.log.warn({ ...context, err: error }, 'database unavailable');
    } else if (mapped.kind === 'incident') {
      req.log.error({ ...context, incident: true, err: error }, 'unexpected error');
    } else if (mapped.kind === 'not-found' && !(error instanceof AppError)) {
      req.log.warn({ ...context, err: error }, 'record not found');
    }
    sendError(req, res, { ...mapped, details: error instanceof AppError ? error.details : undefined });
  };
}

/** Routes that do not exist answer 404 in the same shape. */
export function notFoundHandler(req: Request, res: Response): void {
  sendError(req, res, { status: 404, code: 'NOT_FOUND', message: `no route for ${req.method} ${req.path}` });
}
