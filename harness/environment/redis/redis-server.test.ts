// Which redis-server the harness uses: the one on PATH, or the one FAULTLINE_REDIS_SERVER names — and
// none when that names nothing, which is how the other tests simulate a machine without Redis.
import { describe, expect, it } from 'vitest';
import { findRedisServer, RedisServer, redisServerMissingReason } from './redis-server.ts';

const env = (variable?: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ...(variable === undefined ? {} : { FAULTLINE_REDIS_SERVER: variable }),
});

describe('findRedisServer', () => {
  it('finds nothing when FAULTLINE_REDIS_SERVER names a file that does not exist', () => {
    expect(findRedisServer(env('/nonexistent/redis-server'))).toBeUndefined();
    expect(redisServerMissingReason(env('/nonexistent/redis-server'))).toBe(
      'FAULTLINE_REDIS_SERVER=/nonexistent/redis-server is not an executable',
    );
  });

  it('uses the executable FAULTLINE_REDIS_SERVER names, by path or by name on PATH', () => {
    expect(findRedisServer(env(process.execPath))).toBe(process.execPath);
    expect(findRedisServer(env('sh'))).toMatch(/\/sh$/);
  });

  it('falls back to redis-server on PATH, and says how to install it when there is none', () => {
    expect(findRedisServer({ PATH: '/nonexistent' })).toBeUndefined();
    expect(redisServerMissingReason({ PATH: '/nonexistent' })).toMatch(/redis-server is not on PATH/);
  });
});

describe('RedisServer.start without a redis-server', () => {
  it('fails with the reason and starts nothing', async () => {
    const saved = process.env.FAULTLINE_REDIS_SERVER;
    process.env.FAULTLINE_REDIS_SERVER = '/nonexistent/redis-server';
    try {
      await expect(RedisServer.start()).rejects.toThrow(
        'FAULTLINE_REDIS_SERVER=/nonexistent/redis-server is not an executable',
      );
    } finally {
      if (saved === undefined) delete process.env.FAULTLINE_REDIS_SERVER;
      else process.env.FAULTLINE_REDIS_SERVER = saved;
    }
  });
});
