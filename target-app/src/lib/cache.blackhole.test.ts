// The cache in front of a Redis that stops answering without closing anything (the embedded
// Toxiproxy's timeout toxic between the client and a real redis-server): every command gives up
// after the command timeout and the caller goes on without the cache; once Redis answers again the
// cache works again, each reply going to its own command. The `redis-unbounded` defect removes the
// command timeout, and a command then waits for as long as Redis stays silent.
// Needs `redis-server` on PATH (skipped, loudly, without it).
import { Writable } from 'node:stream';
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, RedisServer } from '../../../harness/environment/redis/redis-server.ts';
import { startToxiproxyServer, type StartedToxiproxyServer } from '../../../harness/toxiproxy/index.ts';
import { Cache } from './cache.ts';
import { createLogger } from './logger.ts';

const hasRedis = findRedisServer() !== undefined;
if (!hasRedis) console.warn('skipping the Redis black-hole tests: redis-server is not on PATH');

const COMMAND_TIMEOUT_MS = 300;
const quiet = createLogger('silent', new Writable({ write: (_chunk, _encoding, done) => done() }));

let redis: RedisServer;
let toxiproxy: StartedToxiproxyServer;
let proxy: Proxy;
let proxyUrl: string;

beforeAll(async () => {
  if (!hasRedis) return;
  redis = await RedisServer.start();
  toxiproxy = await startToxiproxyServer({ port: 0, seed: 7 });
  proxy = await new Toxiproxy(toxiproxy.url).createProxy({
    name: 'redis',
    listen: '127.0.0.1:0',
    upstream: new URL(redis.url).host,
  });
  proxyUrl = `redis://${proxy.listen}`;
});
afterAll(async () => {
  await toxiproxy?.stop();
  await redis?.stop();
});

async function withCache(unbounded: boolean, run: (cache: Cache) => Promise<void>): Promise<void> {
  const cache = new Cache({ url: proxyUrl, connectTimeoutMs: COMMAND_TIMEOUT_MS, critical: false, unbounded }, quiet);
  await cache.connect();
  try {
    await run(cache);
  } finally {
    await cache.close();
  }
}

async function blackHoled<T>(run: () => Promise<T>): Promise<T> {
  await proxy.addToxic({
    name: 'blackhole',
    type: 'timeout',
    stream: 'downstream',
    toxicity: 1,
    attributes: { timeout: 0 },
  });
  try {
    return await run();
  } finally {
    await (await proxy.getToxic('blackhole')).remove();
  }
}

/** Settles with the promise's value, or with `'still waiting'` once `ms` have passed. */
const settledWithin = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe.runIf(hasRedis)('a black-holed Redis', () => {
  it('gives up on each command after the command timeout, and serves the right keys once Redis is back', async () => {
    await withCache(false, async (cache) => {
      await cache.setJson('blackhole:a', { key: 'a' }, 60);
      await cache.setJson('blackhole:b', { key: 'b' }, 60);
      const during = await blackHoled(() =>
        // Generous: three command timeouts for one command that must give up after one.
        settledWithin(
          Promise.all([cache.getJson('blackhole:a'), cache.getJson('blackhole:b')]),
          3 * COMMAND_TIMEOUT_MS,
        ),
      );
      expect(during).toEqual([undefined, undefined]);
      // Replies lost in the black hole must not shift onto later commands.
      await expect.poll(() => cache.getJson('blackhole:a'), { timeout: 10_000 }).toEqual({ key: 'a' });
      expect(await cache.getJson('blackhole:b')).toEqual({ key: 'b' });
      expect(await cache.getJson('blackhole:a')).toEqual({ key: 'a' });
    });
  });

  it('redis-unbounded: a command waits for as long as Redis is silent', async () => {
    await withCache(true, async (cache) => {
      await cache.setJson('blackhole:c', { key: 'c' }, 60);
      const during = await blackHoled(() => settledWithin(cache.getJson('blackhole:c'), 3 * COMMAND_TIMEOUT_MS));
      expect(during).toBe('still waiting');
    });
  });
});
