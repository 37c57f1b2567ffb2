// A best-effort broadcast between app instances over Redis pub/sub (ElastiCache in production):
// one instance says "user X changed" and every instance drops what it cached about X. Redis unset →
// disabled; down → publish reports "not delivered" and the subscriber reconnects in the background.
// Nothing here may fail a request: each instance's own short cache TTL bounds what a lost message
// costs.
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';
import type { Integration } from './service-integration-manager.ts';

export interface RedisBusOptions {
  url: string | undefined;
  connectTimeoutMs: number;
}

type Handler = (message: string) => void;

export class RedisBus {
  private readonly publisher: Redis | undefined;
  private readonly subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(
    options: RedisBusOptions,
    private readonly logger: Logger,
  ) {
    if (options.url === undefined) return;
    const common = {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    };
    this.publisher = new Redis(options.url, {
      ...common,
      commandTimeout: options.connectTimeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    // The subscriber queues its SUBSCRIBE until connected and re-subscribes after every reconnect.
    this.subscriber = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
  }

  get enabled(): boolean {
    return this.publisher !== undefined;
  }

  /** True when Redis took the message (it then reaches every subscribed instance). */
  async publish(channel: string, message: string): Promise<boolean> {
    if (this.publisher?.status !== 'ready') return false;
    try {
      await this.publisher.publish(channel, message);
      return true;
    } catch (error) {
      this.logger.warn({ event: 'redis.bus.publish-failed', channel, err: error }, 'broadcast not delivered');
      return false;
    }
  }

  subscribe(channel: string, handler: Handler): void {
    const known = this.handlers.get(channel);
    if (known !== undefined) {
      known.add(handler);
      return;
    }
    this.handlers.set(channel, new Set([handler]));
    this.subscriber?.subscribe(channel).catch((error: unknown) => {
      this.logger.warn({ event: 'redis.bus.subscribe-failed', channel, err: error }, 'subscription failed');
    });
  }

  /** First connection; a failure is left to the background reconnection (never thrown). */
  async connect(): Promise<void> {
    await Promise.all(
      [this.publisher, this.subscriber].map(async (client) => {
        await client?.connect().catch(() => undefined);
      }),
    );
  }

  status(): 'disabled' | 'up' | 'degraded' {
    if (this.subscriber === undefined) return 'disabled';
    return this.subscriber.status === 'ready' && this.publisher?.status === 'ready' ? 'up' : 'degraded';
  }

  async close(): Promise<void> {
    await Promise.all(
      [this.publisher, this.subscriber].map(async (client) => {
        if (client === undefined) return;
        // QUIT on a client that is not connected would wait in the offline queue for a reconnection.
        if (client.status !== 'ready') {
          client.disconnect();
          return;
        }
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
  }
}

/** The bus as a non-critical service: started after the database, its state in /health/detailed. */
export function redisBusIntegration(bus: RedisBus): Integration {
  return {
    name: 'redis-bus',
    critical: false,
    init: () => bus.connect(),
    async check() {
      const status = bus.status();
      return status === 'degraded'
        ? { status, error: 'not connected: instances fall back to their cache TTL' }
        : { status };
    },
    close: () => bus.close(),
  };
}
