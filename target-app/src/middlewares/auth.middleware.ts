// AuthN: a Bearer JWT on every protected route (401 without a valid one, or with a revoked one;
// 503 when the database cannot say which — never let through unchecked).
// AuthZ: role checks (403 for the wrong role); ownership checks live in the services, which know
// who owns what.
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../generated/prisma/enums.ts';
import type { TokenClaims, TokenService } from '../lib/auth.ts';
import type { TokenRevocation } from '../lib/token-revocation.ts';
import { ForbiddenError, UnauthorizedError } from '../lib/errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: TokenClaims;
  }
}

export function authenticate(tokens: TokenService, revocation: TokenRevocation) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.header('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      next(new UnauthorizedError());
      return;
    }
    const claims = await tokens.verify(match[1]);
    if (claims === null) {
      next(new UnauthorizedError('invalid or expired token'));
      return;
    }
    try {
      if (!(await revocation.isCurrent(claims))) {
        next(new UnauthorizedError('token revoked: sign in again'));
        return;
      }
    } catch (error) {
      next(error);
      return;
    }
    req.user = claims;
    next();
  };
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.user === undefined) next(new UnauthorizedError());
    else if (!roles.includes(req.user.role)) next(new ForbiddenError(`requires role ${roles.join(' or ')}`));
    else next();
  };
}

/** The authenticated user; only call behind `authenticate`. */
export function currentUser(req: Request): TokenClaims {
  if (req.user === undefined) throw new UnauthorizedError();
  return req.user;
}
