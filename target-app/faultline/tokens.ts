// Access tokens for seeded users, minted once before the load starts (HS256 with the app's secret,
// exactly as the app signs them), so that building a request is synchronous and cheap.
import { SignJWT } from 'jose';
import type { SeedManifest } from './manifest.ts';

export type Role = 'USER' | 'ORGANIZER' | 'ADMIN';

export interface TokenBook {
  /** Live users by role, each with a token. */
  readonly byRole: Record<Role, { userId: string; token: string }[]>;
  /** Tokens of soft-deleted users (valid signatures for users the database no longer has). */
  readonly deleted: { userId: string; token: string }[];
}

/** Tokens for at most this many users per role: enough variety, bounded start-up cost. */
const MAX_USERS_PER_ROLE = 50;

export async function signToken(secret: string, userId: string, role: Role): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

export async function mintTokens(
  seed: SeedManifest,
  secret: string,
  extraDeletedUserIds: string[] = [],
): Promise<TokenBook> {
  const deletedIds = new Set(seed.deletedUserIds);
  const byRole: TokenBook['byRole'] = { USER: [], ORGANIZER: [], ADMIN: [] };
  for (const user of seed.users) {
    if (deletedIds.has(user.id) || byRole[user.role].length >= MAX_USERS_PER_ROLE) continue;
    byRole[user.role].push({ userId: user.id, token: await signToken(secret, user.id, user.role) });
  }
  const deleted: TokenBook['deleted'] = [];
  for (const userId of [...seed.deletedUserIds.slice(0, MAX_USERS_PER_ROLE), ...extraDeletedUserIds]) {
    deleted.push({ userId, token: await signToken(secret, userId, 'USER') });
  }
  return { byRole, deleted };
}
