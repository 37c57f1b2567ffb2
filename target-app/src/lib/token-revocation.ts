// Revocation: a token is honoured only while its user is live and still has the role and the token
// version the token was issued with. Deleting, demoting or re-credentialing a user bumps
// users.tokenVersion, so every earlier token stops working on its next request.
//
// The hot path stays cheap: each instance caches a user's state for `cacheTtlMs` (one primary-key
// read per user per TTL, shared by concurrent requests). A change on this instance drops the entry
// at once; through Redis (when configured) every other instance drops it too, and without Redis the
// TTL bounds how long another instance may still honour a revoked token.
//
// A failed lookup throws (the caller answers 503): a token is never honoured because the database
// could not be asked — unless the `auth-fails-open` defect puts that bug back.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Role } from '../generated/prisma/enums.ts';
import type { VerifiedToken } from './auth.ts';
import type { Logger } from './logger.ts';
import type { RedisBus } from './redis-bus.ts';

export const USER_CHANGED_CHANNEL = 'auth:user-changed';

interface AccountState {
  role: Role;
  tokenVersion: number;
  deleted: boolean;
}

export interface TokenRevocationOptions {
  cacheTtlMs: number;
  bus?: RedisBus;
  /** Defect `auth-fails-open`: a failed lookup lets the token through. */
  failOpen?: boolean;
  now?: () => number;
}

/** Above this many cached users the cache starts over (a bound, not an eviction policy). */
const MAX_CACHED_USERS = 100_000;

export class TokenRevocation {
  private readonly entries = new Map<string, { state: AccountState | null; expiresAtMs: number }>();
  private readonly inflight = new Map<string, Promise<AccountState | null>>();
  private readonly listeners = new Set<(userId: string) => void>();
  /** Bumped by every change: a lookup that started before a change must not cache what it read. */
  private epoch = 0;
  private readonly now: () => number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
    private readonly options: TokenRevocationOptions,
  ) {
    this.now = options.now ?? Date.now;
    options.bus?.subscribe(USER_CHANGED_CHANNEL, (userId) => this.forget(userId));
  }

  /** True while the token's user is live with the token's role and version; throws when it cannot tell. */
  async isCurrent(claims: VerifiedToken): Promise<boolean> {
    let state: AccountState | null;
    try {
      state = await this.stateOf(claims.userId);
    } catch (error) {
      if (!this.options.failOpen) throw error;
      this.logger.warn({ event: 'auth.lookup-failed', userId: claims.userId, err: error }, 'token honoured unchecked');
      return true;
    }
    return state !== null && !state.deleted && state.role === claims.role && state.tokenVersion === claims.version;
  }

  /**
   * Call after committing a change to a user's deletion, role or credentials: every instance drops
   * its cached state (and re-checks that user's sockets) before serving the user again.
   */
  async changed(userId: string): Promise<void> {
    this.forget(userId);
    const delivered = await this.options.bus?.publish(USER_CHANGED_CHANNEL, userId);
    if (delivered === false)
      this.logger.warn(
        { event: 'auth.change-not-broadcast', userId, cacheTtlMs: this.options.cacheTtlMs },
        'other instances learn of this change when their cache expires',
      );
  }

  /** Called with the id of every changed user (from this instance or, through Redis, another). */
  onChange(listener: (userId: string) => void): void {
    this.listeners.add(listener);
  }

  private forget(userId: string): void {
    this.epoch++;
    this.entries.delete(userId);
    this.inflight.delete(userId);
    for (const listener of this.listeners) listener(userId);
  }

  private async stateOf(userId: string): Promise<AccountState | null> {
    const cached = this.entries.get(userId);
    if (cached !== undefined && cached.expiresAtMs > this.now()) return cached.state;
    const running = this.inflight.get(userId);
    if (running !== undefined) return running;
    const epoch = this.epoch;
    const lookup = this.prisma.user
      .findUnique({ where: { id: userId }, select: { role: true, tokenVersion: true, deletedAt: true } })
      .then((row) => {
        const state =
          row === null ? null : { role: row.role, tokenVersion: row.tokenVersion, deleted: row.deletedAt !== null };
        if (epoch === this.epoch && this.options.cacheTtlMs > 0) {
          if (this.entries.size >= MAX_CACHED_USERS) this.entries.clear();
          this.entries.set(userId, { state, expiresAtMs: this.now() + this.options.cacheTtlMs });
        }
        return state;
      })
      .finally(() => {
        if (this.inflight.get(userId) === lookup) this.inflight.delete(userId);
      });
    this.inflight.set(userId, lookup);
    return lookup;
  }
}
