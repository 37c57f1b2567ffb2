// Revocation is correct while the database is down (it fails closed: 503, a refused socket — never a
// token honoured unchecked, unless the `auth-fails-open` defect puts that bug back), and across two
// instances sharing PostgreSQL and Redis (a change on one reaches the other's cache at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, RedisServer } from '../../../harness/environment/redis/redis-server.ts';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { connectSocket } from '../../test/socket-client.ts';
import { createUser, ownPostgres, startTestApp, waitFor, type TestApp } from '../../test/support.ts';

describe('while the database is down', () => {
  const postgres = ownPostgres();

  /** Two users the app has never checked (so nothing is cached), then the database goes away. */
  async function appWithTheDatabaseGone(defects: string): Promise<{ app: TestApp; tokens: string[] }> {
    await postgres().startAgain();
    const app = await startTestApp(postgres().url('app'), { TARGET_APP_DEFECTS: defects });
    const tokens = [(await createUser(app)).token, (await createUser(app)).token];
    await postgres().stop('immediate');
    return { app, tokens };
  }

  it('fails closed: a request is 503 and a socket is refused, never let through on the token alone', async () => {
    const { app, tokens } = await appWithTheDatabaseGone('');
    try {
      // The heartbeat needs nothing from the database after authentication: only the check can stop it.
      const heartbeat = await app.api('POST', '/users/me/heartbeat', { token: tokens[0] });
      expect(heartbeat.status).toBe(503);
      expect(heartbeat.body.error.code).toMatch(/^DATABASE_(UNAVAILABLE|NOT_READY)$/);
      expect(heartbeat.headers.get('retry-after')).toBe('2');
      await expect(connectSocket(app.url, tokens[1])).rejects.toThrow('SERVICE_UNAVAILABLE');
    } finally {
      await app.stop();
    }
  });

  it('with the auth-fails-open defect, the same request is accepted and the socket admitted', async () => {
    const { app, tokens } = await appWithTheDatabaseGone('auth-fails-open');
    try {
      expect((await app.api('POST', '/users/me/heartbeat', { token: tokens[0] })).status).toBe(202);
      const socket = await connectSocket(app.url, tokens[1]);
      socket.close();
      expect(app.logs.some((line) => line.event === 'auth.lookup-failed')).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe.runIf(findRedisServer() !== undefined)('two instances sharing Redis', () => {
  let db: TestDatabase;
  let redis: RedisServer;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('revocation_bus');
    redis = await RedisServer.start();
    // A cache far longer than the test: only the broadcast can make the second instance forget.
    const env = { REDIS_URL: redis.url, AUTH_CACHE_TTL_MS: '60000' };
    first = await startTestApp(db.url, env);
    second = await startTestApp(db.url, env);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it('a user deleted through one instance is refused by the other, whose cache held the user as live', async () => {
    const user = await createUser(first);
    const admin = await createUser(first, { role: 'ADMIN' });
    expect((await second.api('GET', '/users/me', { token: user.token })).status).toBe(200);
    expect((await second.api('GET', '/health/detailed')).body.services['redis-bus'].status).toBe('up');

    expect((await first.api('DELETE', `/admin/users/${user.user.id}`, { token: admin.token })).status).toBe(204);

    // Pub/sub is asynchronous: the bound is the broadcast's delivery, far inside the 60 s cache.
    await waitFor(async () => (await second.api('GET', '/users/me', { token: user.token })).status === 401, 5_000);
    expect((await first.api('GET', '/users/me', { token: user.token })).status).toBe(401);
  });
});
if (findRedisServer() === undefined)
  console.warn('skipping the two-instance revocation test: redis-server is not on PATH (.ci/run installs it)');
