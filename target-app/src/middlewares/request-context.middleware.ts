// Gives every request an id (the caller's X-Request-Id when it is sane, else a new one), a child
// logger that stamps it on every line, and one access-log line when the response finishes.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../lib/logger.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    req.id = incoming !== undefined && SANE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    res.on('finish', () => {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const level = res.statusCode >= 500 ? 'warn' : 'info';
      req.log[level](
        { event: 'http.request', method: req.method, path: req.originalUrl, status: res.statusCode, durationMs },
        'request finished',
      );
    });
    next();
  };
}
