// Rate limiting at the edge: each rule names a counter (per account, per client IP) and its limit;
// the first rule over its limit answers 429 with Retry-After and the standard error body. Every
// rule counts the attempt, so guessing across accounts from one client trips the IP rule.
import type { NextFunction, Request, Response } from 'express';
import { RateLimitedError } from '../lib/errors.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';

export interface LimitRule {
  key: string;
  limit: number;
}

export function rateLimit(
  limiter: RateLimiter,
  windowSec: number,
  rules: (req: Request, res: Response) => LimitRule[],
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const verdicts = await Promise.all(
        rules(req, res).map((rule) => limiter.hit(rule.key, rule.limit, windowSec * 1000)),
      );
      const refused = verdicts.filter((verdict) => !verdict.allowed);
      if (refused.length === 0) {
        next();
        return;
      }
      const retryAfterSec = Math.max(...refused.map((verdict) => verdict.retryAfterSec));
      res.setHeader('Retry-After', String(retryAfterSec));
      next(new RateLimitedError(retryAfterSec));
    } catch (error) {
      next(error);
    }
  };
}

/** The client's address as Express resolved it (TRUST_PROXY_HOPS decides how far X-Forwarded-For is believed). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
