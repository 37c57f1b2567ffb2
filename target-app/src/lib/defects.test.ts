// Each defect switch observably puts its bug back (the harness's defect matrix relies on it).
// One dedicated PostgreSQL server, stopped and started by the outage cases in turn.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { freePort } from '../../../harness/lib/ports.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { spawnApp } from '../../test/process.ts';
import { createOrganizer, createOwnedEvent } from '../../test/fixtures-events.ts';
import { createUser, startTestApp, testEnv, waitFor, type TestApp } from '../../test/support.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { createLogger } from './logger.ts';
import { DEFECT_NAMES } from './defects.ts';

let server: EmbeddedPostgres;
let databaseIndex = 0;

async function freshDatabase(): Promise<string> {
  databaseIndex += 1;
  const name = `defects_${databaseIndex}`;
  await server.query(`CREATE DATABASE ${name}`);
  await migrate(server.url(name));
  return server.url(name);
}

async function withApp(
  defects: string,
  run: (app: TestApp) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const app = await startTestApp(await freshDatabase(), { TARGET_APP_DEFECTS: defects, ...env });
  try {
    await run(app);
  } finally {
    await app.stop();
  }
}

beforeAll(async () => {
  server = await EmbeddedPostgres.start();
});
afterAll(async () => {
  await server?.destroy();
});

it('the registry names at least the defects the harness relies on', () => {
  expect(DEFECT_NAMES).toEqual(
    expect.arrayContaining([
      'listen-before-db',
      'unhandled-p2025',
      'db-errors-as-500',
      'exit-on-db-error',
      'no-reconnect',
      'ack-before-commit',
      'health-always-ok',
      'redis-critical',
      'no-connect-retry',
      'missing-parent-500',
      'redis-unbounded',
      'ready-before-connect',
      'rate-limit-fails-open',
      'timeouts-flip-state',
      'no-background-ping',
      'presence-without-expiry',
    ]),
  );
});

describe('listen-before-db', () => {
  it('listens while the database is still unreachable and answers API requests with 500', async () => {
    const url = await freshDatabase();
    await server.stop('fast');
    const app = spawnApp(
      testEnv(url, {
        TARGET_APP_DEFECTS: 'listen-before-db',
        DB_CONNECT_MAX_RETRIES: '20',
        DB_CONNECT_DELAY_MS: '200',
        DB_CONNECT_MAX_DELAY_MS: '500',
      }),
    );
    try {
      await app.waitForLog((line) => line.event === 'http.listening');
      const response = await fetch(`${app.url()}/api/v1/events`);
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
    } finally {
      await app.stop();
      await server.startAgain();
    }
  });
});

describe('ready-before-connect', () => {
  it('listens before the database is reachable and its health says ready; the API itself answers 503', async () => {
    const url = await freshDatabase();
    await server.stop('fast');
    const app = spawnApp(
      testEnv(url, {
        TARGET_APP_DEFECTS: 'ready-before-connect',
        DB_CONNECT_MAX_RETRIES: '20',
        DB_CONNECT_DELAY_MS: '200',
        DB_CONNECT_MAX_DELAY_MS: '500',
      }),
    );
    try {
      await app.waitForLog((line) => line.event === 'http.listening');
      const health = await fetch(`${app.url()}/api/v1/health`);
      expect(((await health.json()) as { status: string }).status).toBe('ok');
      expect((await fetch(`${app.url()}/api/v1/db-check`)).status).toBe(200);
      expect((await fetch(`${app.url()}/api/v1/health/detailed`)).status).toBe(200);
      expect((await fetch(`${app.url()}/api/v1/events`)).status).toBe(503);
    } finally {
      await app.stop();
      await server.startAgain();
    }
  });
});

describe('unhandled-p2025', () => {
  it('turns a missing record into a 500 instead of a 404', async () => {
    await withApp('unhandled-p2025', async (app) => {
      // The first request records lastSeen (and throttles it); then the row disappears, so the
      // next request reaches updateSelf's P2025 without a background write crashing the test run.
      const { user, token } = await createUser(app);
      expect((await app.api('GET', '/users/me', { token })).status).toBe(200);
      await waitFor(
        async () => (await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSeen !== null,
      );
      await app.prisma.userPreference.delete({ where: { userId: user.id } });
      await app.prisma.user.delete({ where: { id: user.id } });
      expect((await app.api('PATCH', '/users/me', { token, body: { name: 'x' } })).status).toBe(500);
    });
  });

  // Revocation refuses a deleted user's token before any write, so the race is driven: the app
  // caches the user as live (long TTL), the user is deleted behind its back, then the heartbeat.
  it('lets a fire-and-forget P2025 escape as an unhandled rejection that kills the process', async () => {
    const url = await freshDatabase();
    const app = spawnApp(testEnv(url, { TARGET_APP_DEFECTS: 'unhandled-p2025', AUTH_CACHE_TTL_MS: '60000' }));
    try {
      await app.waitForLog((line) => line.event === 'http.listening');
      const healthy = await startTestApp(url);
      const { user, token } = await createUser(healthy);
      const heartbeat = () =>
        fetch(`${app.url()}/api/v1/users/me/heartbeat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await heartbeat()).status).toBe(202);
      await healthy.prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
      await healthy.stop();
      // The process may die before it answers: the exit below is what this test is about.
      await heartbeat().catch(() => undefined);
      const exit = await app.exited;
      expect(exit.code).toBe(1);
      expect(app.logs.some((line) => line.event === 'process.unhandledRejection')).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe('missing-parent-500', () => {
  const CACHED_AUTH = { AUTH_CACHE_TTL_MS: '60000' };
  // Every create whose parent is missing: the named parent deleted, or the caller's own user. The
  // app revokes a deleted user's token (401), so the caller's case is the race: the app has cached
  // the user as live (long TTL) when the row is deleted behind its back.
  async function createsUnderMissingParents(app: TestApp): Promise<number[]> {
    const admin = await createUser(app, { role: 'ADMIN' });
    const ghost = await createUser(app);
    expect((await app.api('GET', '/users/me', { token: ghost.token })).status).toBe(200);
    await app.prisma.user.update({ where: { id: ghost.user.id }, data: { deletedAt: new Date() } });
    const { organizer } = await createOrganizer(app, { deleted: true });
    const { event: deletedEvent } = await createOwnedEvent(app, { deleted: true });
    const { event } = await createOwnedEvent(app);
    const calls: [string, string, string, unknown][] = [
      ['POST', '/events', admin.token, { organizerId: organizer.id, title: 'x', startsAt: '2030-01-01T20:00:00Z' }],
      ['POST', `/events/${deletedEvent.id}/tickets`, admin.token, { clientKey: 'missing-event-1' }],
      ['POST', `/events/${event.id}/tickets`, ghost.token, { clientKey: 'deleted-user-1' }],
      ['POST', `/events/${deletedEvent.id}/messages`, admin.token, { body: 'hello' }],
      ['POST', `/events/${event.id}/messages`, ghost.token, { body: 'hello' }],
      ['POST', '/organizers', ghost.token, { name: 'Ghost Org' }],
      ['POST', `/organizers/${organizer.id}/follow`, admin.token, undefined],
    ];
    const statuses: number[] = [];
    for (const [method, path, token, body] of calls)
      statuses.push((await app.api(method, path, { token, body })).status);
    return statuses;
  }

  it('the healthy app: every create under a missing parent is 404, and nothing was written', async () => {
    await withApp(
      '',
      async (app) => {
        expect(await createsUnderMissingParents(app)).toEqual([404, 404, 404, 404, 404, 404, 404]);
        expect(await app.prisma.ticket.count()).toBe(0);
        expect(await app.prisma.chatMessage.count()).toBe(0);
      },
      CACHED_AUTH,
    );
  });

  it('answers 500 instead', async () => {
    await withApp(
      'missing-parent-500',
      async (app) => {
        expect(await createsUnderMissingParents(app)).toEqual([500, 500, 500, 500, 500, 500, 500]);
      },
      CACHED_AUTH,
    );
  });
});

describe('database outages', () => {
  async function outage(app: TestApp, run: () => Promise<void>): Promise<void> {
    await server.stop('immediate');
    try {
      await run();
    } finally {
      await server.startAgain();
    }
  }

  it('db-errors-as-500: a database failure answers 500 instead of 503', async () => {
    await withApp('db-errors-as-500', async (app) => {
      const { token } = await createUser(app);
      await outage(app, async () => {
        const response = await app.api('GET', '/users/me', { token });
        expect(response.status).toBe(500);
      });
    });
  });

  it('exit-on-db-error: the first database failure exits the process', async () => {
    await withApp('exit-on-db-error', async (app) => {
      const { token } = await createUser(app);
      await outage(app, async () => {
        await app.api('GET', '/users/me', { token });
        expect(app.exits).toEqual([1]);
      });
    });
  });

  it('no-reconnect: the app keeps answering 503 after the database is back', async () => {
    await withApp('no-reconnect', async (app) => {
      const { token } = await createUser(app);
      await outage(app, async () => {
        expect((await app.api('GET', '/users/me', { token })).status).toBe(503);
      });
      // The healthy app is back within a few reconnect intervals (200 ms here); this one never is.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await app.api('GET', '/users/me', { token })).status).toBe(503);
      expect((await app.api('GET', '/db-check')).status).toBe(503);
    });
  });

  it('health-always-ok: the health endpoints say ok during an outage', async () => {
    await withApp('health-always-ok', async (app) => {
      await outage(app, async () => {
        expect((await app.api('GET', '/db-check')).status).toBe(200);
        expect((await app.api('GET', '/health/detailed')).status).toBe(200);
        expect((await app.api('GET', '/health')).body.status).toBe('ok');
      });
    });
  });

  it('the healthy app, for contrast: 503 during, recovered after', async () => {
    await withApp('', async (app) => {
      const { token } = await createUser(app);
      await outage(app, async () => {
        expect((await app.api('GET', '/users/me', { token })).status).toBe(503);
        expect((await app.api('GET', '/db-check')).status).toBe(503);
      });
      await waitFor(async () => (await app.api('GET', '/users/me', { token })).status === 200, 10_000, 100);
      expect(app.exits).toEqual([]);
    });
  });
});

describe('startup defects', () => {
  const silent = createLogger('silent');
  const sink = (): { logs: Record<string, unknown>[]; stream: Writable } => {
    const logs: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n'))
          if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    });
    return { logs, stream };
  };

  it('redis-critical: an unreachable Redis stops the startup', async () => {
    const url = await freshDatabase();
    const redisPort = await freePort();
    const config = loadConfig(
      testEnv(url, {
        TARGET_APP_DEFECTS: 'redis-critical',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_CONNECT_TIMEOUT_MS: '300',
      }),
    );
    await expect(startServer(config, silent)).rejects.toMatchObject({
      code: 'CRITICAL_SERVICE_FAILED',
      service: 'redis',
    });
    // Without the defect the same setup starts (degraded).
    const healthy = await startServer(
      loadConfig(testEnv(url, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_CONNECT_TIMEOUT_MS: '300' })),
      silent,
    );
    await healthy.stop();
  });

  it('no-connect-retry: one attempt, no backoff', async () => {
    const port = await freePort();
    const { logs, stream } = sink();
    const config = loadConfig(
      testEnv(`postgresql://postgres:postgres@127.0.0.1:${port}/app`, {
        TARGET_APP_DEFECTS: 'no-connect-retry',
        DB_CONNECT_MAX_RETRIES: '5',
      }),
    );
    await expect(startServer(config, createLogger('debug', stream))).rejects.toMatchObject({
      code: 'DATABASE_CONNECT_FAILED',
      attempts: 1,
    });
    expect(logs.filter((line) => line.event === 'db.connect.retry')).toHaveLength(1);
  });

  it('silent-startup-exit: a spent retry budget exits 0 without the fatal line', async () => {
    const port = await freePort();
    const app = spawnApp(
      testEnv(`postgresql://postgres:postgres@127.0.0.1:${port}/app`, {
        TARGET_APP_DEFECTS: 'silent-startup-exit',
        DB_CONNECT_MAX_RETRIES: '0',
      }),
    );
    expect((await app.exited).code).toBe(0);
    expect(app.logs.filter((line) => line.event === 'startup.failed')).toEqual([]);
  });
});
