// Socket.IO across instances: with REDIS_URL set, every broadcast (a chat message, a moderation
// notice) is published through Redis so sockets connected to another instance receive it too.
// Redis stays non-critical: local delivery never depends on it; while Redis is down a broadcast
// reaches this instance's sockets only, a publish that fails is logged (rate-limited), never thrown,
// and the subscriber resubscribes by itself when Redis is back. The adapter calls publish and
// subscribe without handling their promises, so each client is wrapped to give every promise a
// handler: an unhandled rejection would take the whole process down over a non-critical service.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from '../lib/logger.ts';

export interface RedisAdapterOptions {
  url: string;
  connectTimeoutMs: number;
}

export interface AttachedAdapter {
  close(): Promise<void>;
}

export function attachRedisAdapter(io: Server, options: RedisAdapterOptions, logger: Logger): AttachedAdapter {
  let lastLogAt = 0;
  const note = (error: unknown): void => {
    const now = Date.now();
    if (now - lastLogAt < 5_000) return;
    lastLogAt = now;
    logger.warn(
      { event: 'socket.adapter.error', err: error },
      'redis unavailable to Socket.IO; broadcasts reach this instance only',
    );
  };
  const common = {
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  // Publishing while Redis is down fails at once (no offline queue: a stale message delivered minutes
  // later is worse than none); subscriptions wait in the queue until Redis is reachable.
  // A black-holed Redis must not pile up pending publishes either: each gives up after the timeout.
  const pub = new Redis(options.url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.connectTimeoutMs,
  });
  const sub = new Redis(options.url, { ...common, maxRetriesPerRequest: null });
  pub.on('error', note);
  sub.on('error', note);
  io.adapter(createAdapter(handled(pub, note), handled(sub, note)));
  return {
    async close() {
      // QUIT only a connected client: on a reconnecting one it would wait in the offline queue for ever.
      await Promise.allSettled(
        [pub, sub].map(async (client) => {
          if (client.status === 'ready') await client.quit();
        }),
      );
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** The client, with a rejection handler attached to every promise its methods return. */
function handled(client: Redis, note: (error: unknown) => void): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) result.catch(note);
        return result;
      };
    },
  });
}
