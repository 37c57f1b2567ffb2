// Fixed-window rate limits (login attempts, verification codes), counted in Redis when it is
// configured — so every instance behind the load balancer shares one count — and in this process's
// memory otherwise. When Redis is configured but down, counting falls back to memory: the limit
// still holds per instance, and no request fails because Redis did (the `rate-limit-fails-open`
// defect instead stops limiting).
import type { Cache } from './cache.ts';

export interface LimitVerdict {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSec: number;
}

export interface RateLimiterOptions {
  /** Defect `rate-limit-fails-open`: with Redis down, nothing is limited. */
  failOpen?: boolean;
  now?: () => number;
}

/** Above this many live windows the memory store starts over (a bound, not an eviction policy). */
const MAX_MEMORY_KEYS = 100_000;

export class RateLimiter {
  private readonly memory = new Map<string, { count: number; resetAtMs: number }>();
  private readonly now: () => number;

  constructor(
    private readonly cache: Cache,
    private readonly options: RateLimiterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one attempt against `key`; allowed while the window's count is at most `limit`. */
  async hit(key: string, limit: number, windowMs: number): Promise<LimitVerdict> {
    const shared = await this.cache.incrementWindow(`ratelimit:${key}`, windowMs);
    if (shared === undefined && this.cache.enabled && this.options.failOpen) return { allowed: true, retryAfterSec: 0 };
    const { count, resetInMs } = shared ?? this.hitMemory(key, windowMs);
    return { allowed: count <= limit, retryAfterSec: Math.max(1, Math.ceil(resetInMs / 1000)) };
  }

  private hitMemory(key: string, windowMs: number): { count: number; resetInMs: number } {
    const nowMs = this.now();
    let entry = this.memory.get(key);
    if (entry === undefined || entry.resetAtMs <= nowMs) {
      if (this.memory.size >= MAX_MEMORY_KEYS) this.memory.clear();
      entry = { count: 0, resetAtMs: nowMs + windowMs };
      this.memory.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: entry.resetAtMs - nowMs };
  }
}
