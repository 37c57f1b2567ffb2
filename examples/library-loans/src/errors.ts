// One mapping from whatever a route threw to the service's error answer:
// `{"message": "...", "kind": "unavailable" | "not_found" | "conflict" | "invalid" | "internal"}`.
import type { ErrorRequestHandler } from 'express';
import type { Bug } from './bugs.ts';
import { isUnavailable, type Database } from './database.ts';
import { log } from './log.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

const RETRY_AFTER_S = '2';

/** The answer while the database cannot serve: 503 and when to retry (500 under `db-errors-500`). */
export function unavailable(res: Parameters<ErrorRequestHandler>[2], bugs: Set<Bug>): void {
  if (bugs.has('db-errors-500')) res.status(500).json({ message: 'internal error', kind: 'internal' });
  else
    res
      .status(503)
      .set('Retry-After', RETRY_AFTER_S)
      .json({ message: 'the database is unavailable', kind: 'unavailable' });
}

export function errorHandler(database: Database, bugs: Set<Bug>): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ message: error.message, kind: error.kind });
      return;
    }
    const { code, status } = error as { code?: unknown; status?: unknown };
    // express.json's own errors (a malformed body) carry their 4xx status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ message: 'malformed request', kind: 'invalid' });
      return;
    }
    // P2025: the row to update or delete does not exist. P2003: a loan's book or member does not.
    if ((code === 'P2025' || code === 'P2003') && !bugs.has('p2025-500')) {
      res.status(404).json({ message: 'no such record', kind: 'not_found' });
      return;
    }
    if (code === 'P2002') {
      res.status(409).json({ message: 'already exists', kind: 'conflict' });
      return;
    }
    if (isUnavailable(error)) {
      database.noteFailure(error);
      unavailable(res, bugs);
      return;
    }
    log('error', 'request.failed', 'unexpected error', { method: req.method, path: req.path, error: String(error) });
    res.status(500).json({ message: 'internal error', kind: 'internal' });
  };
}
