// The database connection: Prisma 7 over a bounded pg pool, with connection state tracking,
// startup connection with exponential backoff, single-flight reconnection, and graceful disconnect.
//
// Prisma 7's `$connect()` does no I/O, so readiness is proven with a real query. The pool's
// connection, query and statement timeouts are all bounded: a black-holed database produces an
// error (and so a 503) within seconds, never a request that hangs.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { backoffDelayMs } from './backoff.ts';
import { isConnectionFailure, isPoolAcquireTimeout } from './error-mapping.ts';
import type { Logger } from './logger.ts';

export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'disconnected';

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  connectionTimeoutMs: number;
  queryTimeoutMs: number;
  idleTimeoutMs: number;
  maxDelayMs: number;
  reconnectIntervalMs: number;
  /** Defect `no-reconnect`: once lost, never come back. */
  reconnect: boolean;
  /** How often a ready database is pinged in the background, so an idle app notices a loss. */
  pingIntervalMs: number;
  /** Defect `no-background-ping`: only a failing request notices a lost database. */
  backgroundPing?: boolean;
  /** Defect `timeouts-flip-state`: one statement or pool-acquire timeout marks the database lost. */
  timeoutsAreOutages?: boolean;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class DatabaseConnectError extends Error {
  readonly code = 'DATABASE_CONNECT_FAILED';
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `could not connect to the database after ${attempts} attempt(s): ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
    this.name = 'DatabaseConnectError';
  }
}

export interface DatabaseStatus {
  state: ConnectionState;
  since: string;
  lastError: string | null;
  lastErrorAt: string | null;
  lastReadyAt: string | null;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Database {
  readonly prisma: PrismaClient;
  private currentState: ConnectionState = 'idle';
  private stateSince = new Date();
  private lastError: { message: string; at: Date } | null = null;
  private lastReadyAt: Date | null = null;
  private reconnecting: Promise<void> | null = null;
  private closing = false;
  private watchTimer: NodeJS.Timeout | undefined;
  private watchPing: Promise<void> | null = null;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: DatabaseOptions,
    private readonly logger: Logger,
  ) {
    this.sleep = options.sleep ?? defaultSleep;
    const adapter = new PrismaPg(
      {
        connectionString: options.url,
        max: options.poolMax,
        connectionTimeoutMillis: options.connectionTimeoutMs,
        query_timeout: options.queryTimeoutMs,
        statement_timeout: options.queryTimeoutMs,
        idleTimeoutMillis: options.idleTimeoutMs,
        keepAlive: true,
        application_name: 'target-app',
      },
      {
        // An idle pooled connection dying (database restart, proxy cut) must never crash the process.
        onPoolError: (error) => this.noteFailure(error, 'pool'),
        onConnectionError: (error) => this.noteFailure(error, 'connection'),
      },
    );
    this.prisma = new PrismaClient({ adapter });
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get isReady(): boolean {
    return this.currentState === 'ready';
  }

  status(): DatabaseStatus {
    return {
      state: this.currentState,
      since: this.stateSince.toISOString(),
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at.toISOString() ?? null,
      lastReadyAt: this.lastReadyAt?.toISOString() ?? null,
    };
  }

  /** One real round-trip; resolves with its latency in ms. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.prisma.$queryRaw`SELECT 1`;
    return Math.round((performance.now() - started) * 10) / 10;
  }

  /**
   * Connect at startup: the first attempt, then up to `maxRetries` more with exponential backoff and
   * jitter. Throws DatabaseConnectError when the budget is spent (the caller exits on purpose).
   */
  async connectToDatabase(maxRetries: number, delayMs: number): Promise<void> {
    this.transition('connecting');
    const attempts = maxRetries + 1;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      try {
        const latencyMs = await this.ping();
        this.transition('ready', { attempt: attempt + 1, latencyMs });
        return;
      } catch (error) {
        this.recordError(error);
        const last = attempt === attempts - 1;
        const waitMs = last
          ? 0
          : backoffDelayMs(attempt, {
              baseDelayMs: delayMs,
              maxDelayMs: this.options.maxDelayMs,
              random: this.options.random,
            });
        this.logger.warn(
          { event: 'db.connect.retry', attempt: attempt + 1, attempts, nextDelayMs: last ? null : waitMs, err: error },
          last ? 'database connection attempt failed; no retries left' : 'database connection attempt failed; retrying',
        );
        if (last) {
          this.transition('failed');
          throw new DatabaseConnectError(attempts, error);
        }
        await this.sleep(waitMs);
      }
    }
  }

  /**
   * A request failed with a database error. Only a connection-level failure means the database is
   * gone: then mark it and start (once) a background loop that pings until the database answers;
   * every caller shares the same loop. A timeout (a slow statement, a busy pool, P2028) is that
   * request's problem: it is recorded, and the instance keeps serving the others.
   */
  reportFailure(error: unknown): void {
    this.recordError(error);
    if (!isConnectionFailure(error) && !this.options.timeoutsAreOutages) return;
    this.markLost(error);
  }

  /**
   * Ping a ready database every `pingIntervalMs` in the background, so an idle instance notices a
   * lost database (and its health says so) without waiting for a request to fail. A ping that
   * fails for any reason but "no pooled connection was free" (the pool is busy serving requests,
   * which proves nothing about the database) marks the database lost: `SELECT 1` that cannot finish
   * within the query timeout is a database that is not serving.
   */
  watch(): void {
    if (this.options.backgroundPing === false || this.watchTimer !== undefined) return;
    this.watchTimer = setInterval(() => {
      if (this.currentState !== 'ready' || this.watchPing !== null || this.closing) return;
      this.watchPing = this.ping()
        .then(
          () => undefined,
          (error: unknown) => {
            if (!this.closing) this.reportPingFailure(error);
          },
        )
        .finally(() => {
          this.watchPing = null;
        });
    }, this.options.pingIntervalMs);
    this.watchTimer.unref();
  }

  /** A health ping (`SELECT 1`) failed: the database is lost, unless the pool was only busy. */
  reportPingFailure(error: unknown): void {
    if (isPoolAcquireTimeout(error)) {
      this.recordError(error);
      this.logger.debug({ event: 'db.ping.busy', err: error }, 'database ping found the pool busy');
      return;
    }
    this.logger.warn({ event: 'db.ping.failed', err: error }, 'database ping failed');
    this.markLost(error);
  }

  private markLost(error: unknown): void {
    this.recordError(error);
    if (this.closing || this.currentState === 'connecting' || this.currentState === 'disconnected') return;
    if (!this.options.reconnect) {
      if (this.currentState === 'ready') this.transition('failed', { reason: 'reconnection disabled' });
      return;
    }
    if (this.reconnecting !== null) return;
    this.transition('reconnecting');
    this.reconnecting = this.reconnectLoop().finally(() => {
      this.reconnecting = null;
    });
  }

  /** Resolves when a running reconnection finishes (tests and shutdown use it). */
  async settled(): Promise<void> {
    await this.reconnecting;
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchTimer);
    await Promise.allSettled([this.reconnecting, this.watchPing]);
    try {
      await this.prisma.$disconnect();
    } finally {
      this.transition('disconnected');
    }
  }

  private async reconnectLoop(): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      try {
        const latencyMs = await this.ping();
        this.transition('ready', { attempt: attempt + 1, latencyMs });
        return;
      } catch (error) {
        this.recordError(error);
        attempt += 1;
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(
            { event: 'db.reconnect.retry', attempt, err: error },
            'database still unreachable; retrying',
          );
        }
        await this.sleep(this.options.reconnectIntervalMs);
      }
    }
  }

  private noteFailure(error: Error, source: 'pool' | 'connection'): void {
    this.logger.warn({ event: 'db.connection.error', source, err: error }, 'a pooled database connection failed');
    this.recordError(error);
  }

  private recordError(error: unknown): void {
    this.lastError = { message: (error as Error)?.message ?? String(error), at: new Date() };
  }

  private transition(next: ConnectionState, context: Record<string, unknown> = {}): void {
    if (next === this.currentState) return;
    const previous = this.currentState;
    this.currentState = next;
    this.stateSince = new Date();
    if (next === 'ready') this.lastReadyAt = this.stateSince;
    const level = next === 'failed' ? 'error' : next === 'reconnecting' ? 'warn' : 'info';
    this.logger[level]({ event: 'db.state', from: previous, to: next, ...context }, `database ${previous} -> ${next}`);
  }
}
