// The health endpoints tell the truth: before, during and after a database outage, and with Redis
// absent, unreachable or up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import {
  findRedisServer,
  RedisServer,
  redisServerMissingReason,
} from '../../../harness/environment/redis/redis-server.ts';
import { freePort } from '../../../harness/lib/ports.ts';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { startTestApp, waitFor, type TestApp } from '../../test/support.ts';

/** What a driver or socket error says, and an anonymous caller must not read: addresses, codes, wording. */
const RAW_DRIVER_ERROR = /127\.0\.0\.1|ECONNREFUSED|reach database|terminated|timeout exceeded/i;

describe('through a database outage', () => {
  let server: EmbeddedPostgres;
  let app: TestApp;
  beforeAll(async () => {
    server = await EmbeddedPostgres.start();
    await server.query('CREATE DATABASE app');
    await migrate(server.url('app'));
    app = await startTestApp(server.url('app'));
  });
  afterAll(async () => {
    await app?.stop();
    await server?.destroy();
  });

  it('says ok before, unavailable during, ok after — and the API answers 503, then recovers', async () => {
    expect((await app.api('GET', '/health')).body).toMatchObject({ status: 'ok', database: 'ready' });
    const detailed = await app.api('GET', '/health/detailed');
    expect(detailed.status).toBe(200);
    expect(detailed.body.database).toMatchObject({ status: 'up', state: 'ready', latencyMs: expect.any(Number) });
    expect(detailed.body.services.redis.status).toBe('disabled');
    expect((await app.api('GET', '/db-check')).status).toBe(200);
    expect((await app.api('GET', '/health/ready')).body).toMatchObject({ status: 'ready', database: 'ready' });

    await server.stop('immediate');

    const check = await app.api('GET', '/db-check');
    expect(check.status).toBe(503);
    expect(check.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(check.headers.get('retry-after')).toBe('2');
    const during = await app.api('GET', '/health/detailed');
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ status: 'unavailable', database: { status: 'down' } });
    // States, never the driver's words ("Can't reach database server at 127.0.0.1:…"): the log has them.
    for (const body of [check.body, during.body]) expect(JSON.stringify(body)).not.toMatch(RAW_DRIVER_ERROR);
    expect(check.body.error.message).toMatch(/^database check failed: the database is (not answering|reconnecting)$/);
    expect(app.logs.some((line) => line.event === 'health.db-ping.failed' || line.event === 'db.state')).toBe(true);
    // Readiness follows the state the failed check just set (no round-trip of its own).
    const ready = await app.api('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('unavailable');
    const live = await app.api('GET', '/health');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('unavailable');
    expect(live.body.database).not.toBe('ready');
    const api = await app.api('GET', '/users/me', {
      token: await app.tokenFor({ id: '00000000-0000-4000-8000-000000000001', role: 'USER' }),
    });
    expect(api.status).toBe(503);
    expect(api.body.error.code).toMatch(/^DATABASE_(NOT_READY|UNAVAILABLE)$/);

    await server.startAgain();
    await waitFor(async () => (await app.api('GET', '/db-check')).status === 200, 15_000, 100);
    expect((await app.api('GET', '/health')).body).toMatchObject({ status: 'ok', database: 'ready' });
    expect((await app.api('GET', '/health/detailed')).status).toBe(200);
    expect((await app.api('GET', '/health/ready')).status).toBe(200);
    expect(app.logs.filter((line) => line.event === 'db.state').map((line) => line.to)).toEqual(
      expect.arrayContaining(['reconnecting', 'ready']),
    );
  });
});

describe('Redis', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('redis');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('unreachable at boot: the app starts, reports Redis degraded, and the API works', async () => {
    const port = await freePort();
    const app = await startTestApp(db.url, { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_CONNECT_TIMEOUT_MS: '300' });
    try {
      expect((await app.api('GET', '/health')).body.status).toBe('degraded');
      const detailed = await app.api('GET', '/health/detailed');
      expect(detailed.status).toBe(200);
      expect(detailed.body.status).toBe('degraded');
      expect(detailed.body.services.redis).toMatchObject({
        status: expect.stringMatching(/degraded|down/),
        failing: true,
      });
      expect(JSON.stringify(detailed.body)).not.toMatch(RAW_DRIVER_ERROR);
      expect((await app.api('GET', '/db-check')).status).toBe(200);
      expect(
        app.logs.some((line) => line.event === 'service.init' && line.service === 'redis' && line.status === 'down'),
      ).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it.runIf(findRedisServer() !== undefined)(
    'up, then gone, then back: health follows it and never fails the API',
    async () => {
      const redis = await RedisServer.start();
      const app = await startTestApp(db.url, { REDIS_URL: redis.url, REDIS_CONNECT_TIMEOUT_MS: '300' });
      try {
        const up = await app.api('GET', '/health/detailed');
        expect(up.body.services.redis).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
        expect(up.body.status).toBe('ok');
        await redis.stop();
        const down = await app.api('GET', '/health/detailed');
        expect(down.status).toBe(200);
        expect(down.body.services.redis.status).toBe('degraded');
        expect((await app.api('GET', '/db-check')).status).toBe(200);
      } finally {
        await app.stop();
        await redis.stop();
      }
    },
  );
  if (findRedisServer() === undefined)
    console.warn(`skipping the live Redis health test: ${redisServerMissingReason()} (.ci/run installs it)`);
});
