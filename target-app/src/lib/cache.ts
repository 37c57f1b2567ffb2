// Redis, as the non-critical service it is (ElastiCache in production): a read-through cache for
// event listings and presence counters. REDIS_URL unset → disabled. Set but unreachable → every
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
}

export class CacheUnavailableError extends Error {
  readonly code = 'CACHE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`redis is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'CacheUnavailableError';
  }
}

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
      commandTimeout: options.connectTimeoutMs,
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

  async deleteByPrefix(prefix: string): Promise<void> {
    await this.attempt('delete', async (client) => {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length > 0) await client.del(...keys);
    });
  }

  /** Adds `delta` to a counter; returns the new value, or undefined when Redis is unavailable. */
  async increment(key: string, delta: number): Promise<number | undefined> {
    return this.attempt('incr', (client) => client.incrby(key, delta));
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
