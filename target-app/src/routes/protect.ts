// The guard chain of a protected route: a valid, unrevoked token, the fire-and-forget "last seen" update,
// and (optionally) a role.
import type { RequestHandler } from 'express';
import type { Role } from '../generated/prisma/enums.ts';
import { authenticate, requireRole } from '../middlewares/auth.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { UserService } from '../services/user.service.ts';

/** Writes lastSeen at most once per user per interval, so load does not turn into write load. */
const LAST_SEEN_INTERVAL_MS = 10_000;
/** One throttle per app (every protected route of one app shares it). */
const lastWrites = new WeakMap<ServiceContext, Map<string, number>>();

export function protect(ctx: ServiceContext, ...roles: Role[]): RequestHandler[] {
  const users = new UserService(ctx);
  const lastWrite = lastWrites.get(ctx) ?? new Map<string, number>();
  lastWrites.set(ctx, lastWrite);
  const trackLastSeen: RequestHandler = (req, _res, next) => {
    const userId = req.user?.userId;
    const now = Date.now();
    if (userId !== undefined && now - (lastWrite.get(userId) ?? 0) >= LAST_SEEN_INTERVAL_MS) {
      lastWrite.set(userId, now);
      if (lastWrite.size > 50_000) lastWrite.clear();
      users.updateLastSeen(userId, req.log);
    }
    next();
  };
  const chain: RequestHandler[] = [authenticate(ctx.tokens, ctx.revocation), trackLastSeen];
  if (roles.length > 0) chain.push(requireRole(...roles));
  return chain;
}
