// Who may manage what an organizer owns (its events, their tickets and chat): the organizer's
// owner, or an ADMIN. A rule in one place, so every service answers 403 the same way.
import type { TokenClaims } from '../lib/auth.ts';
import { ForbiddenError } from '../lib/errors.ts';

export function canManage(user: TokenClaims, ownerId: string): boolean {
  return user.role === 'ADMIN' || user.userId === ownerId;
}

export function assertCanManage(user: TokenClaims, ownerId: string, what: string): void {
  if (!canManage(user, ownerId)) throw new ForbiddenError(`only the organizer's owner or an admin may ${what}`);
}
