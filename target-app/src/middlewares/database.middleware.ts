// The readiness gate: while the database is not ready, API requests get 503 with Retry-After and
// the standard error body, instead of reaching Prisma and failing in some other way. The app
// recovers by itself: Database.reportFailure (called from the error handler when a request finds
// the database gone) runs a single reconnection loop that flips the state back to ready.
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../lib/prisma.ts';
import { sendError } from './error.middleware.ts';

export function ensureDatabaseConnection(database: Database, retryAfterSec: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (database.isReady) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(retryAfterSec));
    sendError(req, res, {
      status: 503,
      code: 'DATABASE_NOT_READY',
      message: `the database is ${database.state}; retry later`,
    });
  };
}
