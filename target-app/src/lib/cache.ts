// Redis, as the non-critical service it is (ElastiCache in production): a read-through cache for
// event listings and presence sets (see socket/presence.ts). REDIS_URL unset → disabled. Set but unreachable → every
// call degrades to "no cache" (the caller goes to the database), ioredis reconnects in the
// background, and no request fails because Redis is down. With the `redis-critical` defect,
// Redis errors propagate instead.
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

const INCREMENT_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

export type CacheStatus = 'disabled' | 'connecting' | 'up' | 'down';

export interface CacheOptions {
  url: string | undefined;
  connectTimeoutMs: number;
  /** Defect `redis-critical`. */
  critical: boolean;
  /** Defect `redis-unbounded`: no command timeout, so a silent Redis holds every command forever. */
  unbounded?: boolean;
}

export class CacheUnavailableError extends Error {
  readonly code = 'CACHE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`redis is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'CacheUnavailableError';
  }
}

/** Redis server time in ms, inside a script (TIME is allowed: Redis 7 replicates scripts' effects). */
const NOW_MS = "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/** KEYS[1] the set; ARGV[1] ttl ms or 'inf'; ARGV[2..] members. Drops expired members, keeps the key while any may live. */
const PRESENCE_ADD = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local forever = ARGV[1] == 'inf'
local score = forever and '+inf' or tostring(now + tonumber(ARGV[1]))
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], score, ARGV[i]) end
if forever then redis.call('PERSIST', KEYS[1])
else
  local pttl = redis.call('PTTL', KEYS[1])
  if pttl == -1 or pttl < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
end
return 1`;

/** KEYS[1] the set: how many members have not expired. */
const PRESENCE_COUNT = `${NOW_MS}
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')`;

export class Cache {
  private readonly client: Redis | undefined;
  private lastError: { message: string; at: Date } | null = null;
  private lastErrorLogAt = 0;

  constructor(
    private readonly options: CacheOptions,
    private readonly logger: Logger,
  ) {
    if (options.url === undefined) return;
    this.client = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs,
      // A Redis that stops answering without closing anything (a frozen node) must not hold the
      // request behind the command: past this, the caller goes to the database.
      commandTimeout: options.unbounded === true ? undefined : options.connectTimeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      // Reconnect forever in the background, at most every 2 s.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    // An unhandled 'error' event would crash the process: log it, rate-limited.
    this.client.on('error', (error: Error) => this.noteError(error));
    this.client.on('ready', () => this.logger.info({ event: 'redis.state', to: 'up' }, 'redis connected'));
    this.client.on('end', () => this.logger.warn({ event: 'redis.state', to: 'down' }, 'redis connection ended'));
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  status(): { status: CacheStatus; lastError: string | null; lastErrorAt: string | null } {
    let status: CacheStatus = 'disabled';
    if (this.client !== undefined)
      status =
        this.client.status === 'ready'
          ? 'up'
          : this.client.status === 'connecting' || this.client.status === 'wait'
            ? 'connecting'
            : 'down';
    return {
      status,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at.toISOString() ?? null,
    };
  }

  /** First connection at startup; throws when Redis cannot be reached (the manager decides what that means). */
  async connect(): Promise<void> {
    if (this.client === undefined) return;
    await this.client.connect();
  }

  async ping(): Promise<number> {
    if (this.client === undefined) throw new Error('redis is disabled');
    const started = performance.now();
    await this.client.ping();
    return Math.round((performance.now() - started) * 10) / 10;
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const raw = await this.attempt('get', (client) => client.get(key));
    return raw === undefined || raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async setJson(key: string, value: unknown, ttlSec: number): Promise<void> {
    await this.attempt('set', (client) => client.set(key, JSON.stringify(value), 'EX', ttlSec));
  }

  /**
   * Deletes every key under a prefix with SCAN, in batches: KEYS walks the whole keyspace in one
   * blocking command, stalling every other client of a shared Redis (other instances included).
   */
  async deleteByPrefix(prefix: string): Promise<void> {
    await this.attempt('delete', async (client) => {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await client.unlink(...keys);
      } while (cursor !== '0');
    });
  }

  /**
   * Presence as a sorted set of members (one per socket of any instance), each scored with the
   * time it expires by the Redis server's clock (so instances' clocks do not matter). A member is
   * refreshed by its instance's heartbeat; one whose instance died stops being refreshed and drops
   * out after `ttlMs`. `ttlMs` undefined (defect `presence-without-expiry`) never expires.
   */
  async presenceAdd(key: string, members: readonly string[], ttlMs: number | undefined): Promise<void> {
    if (members.length === 0) return;
    await this.attempt('presence', (client) =>
      client.eval(PRESENCE_ADD, 1, key, ttlMs === undefined ? 'inf' : String(ttlMs), ...members),
    );
  }

  async presenceRemove(key: string, members: readonly string[]): Promise<void> {
    if (members.length === 0) return;
    await this.attempt('presence', (client) => client.zrem(key, ...members));
  }

  /** Live members of a presence set; undefined when Redis is unavailable. Never negative by construction. */
  async presenceCount(key: string): Promise<number | undefined> {
    const count = await this.attempt('presence', (client) => client.eval(PRESENCE_COUNT, 1, key));
    return count === undefined ? undefined : Number(count);
  }

  /**
   * One hit in a fixed window: INCR, and the expiry set by the hit that opened the window, in one
   * atomic script. Undefined when Redis is unavailable (the caller counts elsewhere).
   */
  async incrementWindow(key: string, windowMs: number): Promise<{ count: number; resetInMs: number } | undefined> {
    const result = await this.attempt('incr-window', (client) =>
      client.eval(INCREMENT_WINDOW_SCRIPT, 1, key, String(windowMs)),
    );
    if (!Array.isArray(result)) return undefined;
    const [count, ttlMs] = result as [number, number];
    return { count, resetInMs: ttlMs > 0 ? ttlMs : windowMs };
  }

  async readCounter(key: string): Promise<number | undefined> {
    const raw = await this.attempt('get', (client) => client.get(key));
    return raw === undefined ? undefined : Number(raw ?? 0);
  }

  async close(): Promise<void> {
    if (this.client === undefined) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private async attempt<T>(operation: string, run: (client: Redis) => Promise<T>): Promise<T | undefined> {
    if (this.client === undefined) return undefined;
    if (this.client.status !== 'ready' && !this.options.critical) return undefined;
    try {
      return await run(this.client);
    } catch (error) {
      this.noteError(error as Error, operation);
      if (this.options.critical) throw new CacheUnavailableError(error);
      return undefined;
    }
  }

  private noteError(error: Error, operation?: string): void {
    this.lastError = { message: error.message, at: new Date() };
    const now = Date.now();
    if (now - this.lastErrorLogAt < 5_000) return;
    this.lastErrorLogAt = now;
    this.logger.warn({ event: 'redis.error', operation, err: error }, 'redis unavailable; continuing without cache');
  }
}
