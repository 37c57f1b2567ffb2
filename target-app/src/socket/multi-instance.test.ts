// Two real app processes sharing one PostgreSQL and one Redis, as behind a load balancer: a chat
// message sent on one instance reaches sockets on the other (the Socket.IO Redis adapter); presence
// counts every instance's sockets, and after one instance is SIGKILLed its sockets drop out within
// the presence TTL (the `presence-without-expiry` defect keeps them for ever); a join lost to a
// Redis outage is restored by the heartbeat; with Redis down, chat still works within an instance.
// Needs `redis-server` on PATH (skipped, loudly, without it).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, RedisServer } from '../../../harness/environment/redis/redis-server.ts';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { spawnApp, type AppProcess } from '../../test/process.ts';
import { connectSocket, emitAck, nextEvent, type ClientSocket } from '../../test/socket-client.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';
import { createUser, TEST_JWT_SECRET, testEnv, waitFor, type TestApp } from '../../test/support.ts';
import { TokenService } from '../lib/auth.ts';
import { createLogger } from '../lib/logger.ts';
import { Database } from '../lib/prisma.ts';
import type { Role } from '../generated/prisma/enums.ts';

const hasRedis = findRedisServer() !== undefined;
if (!hasRedis) console.warn('skipping the multi-instance tests: redis-server is not on PATH');

const PRESENCE_TTL_MS = 1_500;
/** Process scheduling on a busy shared machine, plus ioredis's reconnect step (at most 2 s). */
const SLACK_MS = 4_000;

let db: TestDatabase;
let redis: RedisServer;
let data: Database;
/** Just enough of a TestApp for the fixtures: they write straight to the database and sign tokens. */
let fixtures: TestApp;
const apps: AppProcess[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  if (!hasRedis) return;
  db = await createTestDatabase('multi_instance');
  redis = await RedisServer.start();
  data = new Database(
    {
      url: db.url,
      poolMax: 2,
      connectionTimeoutMs: 2_000,
      queryTimeoutMs: 5_000,
      idleTimeoutMs: 5_000,
      maxDelayMs: 1_000,
      reconnectIntervalMs: 200,
      reconnect: true,
      pingIntervalMs: 60_000,
    },
    createLogger('silent'),
  );
  const tokens = new TokenService(TEST_JWT_SECRET, 3_600);
  fixtures = {
    prisma: data.prisma,
    tokenFor: (user: { id: string; role: Role; tokenVersion?: number }) =>
      tokens.sign({ userId: user.id, role: user.role, version: user.tokenVersion ?? 0 }),
  } as unknown as TestApp;
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await data?.disconnect();
  await redis?.stop();
  await db?.drop();
});

async function startInstance(env: Record<string, string> = {}): Promise<{ app: AppProcess; url: string }> {
  const app = spawnApp(
    testEnv(db.url, {
      REDIS_URL: redis.url,
      PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
      LOG_LEVEL: 'info',
      // Room for a busy shared machine: the schema check must not time out the startup.
      SERVICE_INIT_TIMEOUT_MS: '15000',
      ...env,
    }),
  );
  apps.push(app);
  await app.waitForLog((line) => line.event === 'http.listening', 60_000);
  return { app, url: app.url() };
}

async function connect(url: string, token: string): Promise<ClientSocket> {
  const socket = await connectSocket(url, token);
  sockets.push(socket);
  return socket;
}

async function presence(url: string, eventId: string, token: string): Promise<{ online: number | null }> {
  const response = await fetch(`${url}/api/v1/events/${eventId}/presence`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { online: number | null };
}

describe.runIf(hasRedis)('two instances sharing PostgreSQL and Redis', () => {
  let one: { app: AppProcess; url: string };
  let two: { app: AppProcess; url: string };
  beforeAll(async () => {
    if (!hasRedis) return;
    [one, two] = await Promise.all([startInstance(), startInstance()]);
  });

  it('delivers a chat message sent on one instance to the sockets of the other', async () => {
    const { event, owner } = await createOwnedEvent(fixtures);
    const [alice, bob] = [await createUser(fixtures), await createUser(fixtures)];
    const a = await connect(one.url, alice.token);
    const b = await connect(two.url, bob.token);
    expect(await emitAck(a, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    expect(await emitAck(b, 'chat:join', { eventId: event.id })).toEqual({ ok: true });

    const toBob = nextEvent(b, 'chat:message');
    const sent = await emitAck(a, 'chat:send', { eventId: event.id, body: 'across instances' });
    expect(sent).toMatchObject({ ok: true, message: { body: 'across instances' } });
    expect(await toBob).toEqual(sent.message);

    // An HTTP post on the second instance reaches the socket on the first.
    const toAlice = nextEvent(a, 'chat:message');
    const posted = await fetch(`${two.url}/api/v1/events/${event.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'from the other side' }),
    });
    expect(posted.status).toBe(201);
    expect(await toAlice).toMatchObject({ body: 'from the other side' });
  });

  it('counts every instance in presence, and forgets a SIGKILLed instance within the TTL', async () => {
    const { event } = await createOwnedEvent(fixtures);
    const viewer = await createUser(fixtures);
    const three = await startInstance();
    for (const [url, count] of [
      [one.url, 1],
      [three.url, 2],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        const socket = await connect(url, (await createUser(fixtures)).token);
        expect(await emitAck(socket, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
      }
    }
    await waitFor(async () => (await presence(one.url, event.id, viewer.token)).online === 3, 10_000, 100);
    expect((await presence(two.url, event.id, viewer.token)).online).toBe(3);

    three.app.child.kill('SIGKILL');
    await three.app.exited;
    await waitFor(
      async () => (await presence(one.url, event.id, viewer.token)).online === 1,
      PRESENCE_TTL_MS + SLACK_MS,
      100,
    );
    expect((await presence(two.url, event.id, viewer.token)).online).toBe(1);
  });

  it('defect presence-without-expiry: the SIGKILLed instance stays counted', async () => {
    const { event } = await createOwnedEvent(fixtures);
    const viewer = await createUser(fixtures);
    const broken = await startInstance({ TARGET_APP_DEFECTS: 'presence-without-expiry' });
    const socket = await connect(broken.url, (await createUser(fixtures)).token);
    expect(await emitAck(socket, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    await waitFor(async () => (await presence(one.url, event.id, viewer.token)).online === 1, 10_000, 100);
    broken.app.child.kill('SIGKILL');
    await broken.app.exited;
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_TTL_MS + SLACK_MS));
    expect((await presence(one.url, event.id, viewer.token)).online).toBe(1);
  });

  // Last: it stops Redis.
  it('restores a join lost to a Redis outage, and chats within an instance while Redis is down', async () => {
    const { event } = await createOwnedEvent(fixtures);
    const viewer = await createUser(fixtures);
    const [carol, dave] = [await createUser(fixtures), await createUser(fixtures)];
    const port = redis.port;
    await redis.stop();
    await waitFor(async () => (await presence(one.url, event.id, viewer.token)).online === null, 10_000, 100);

    const c = await connect(one.url, carol.token);
    const d = await connect(one.url, dave.token);
    expect(await emitAck(c, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    expect(await emitAck(d, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    const toDave = nextEvent(d, 'chat:message');
    const sent = await emitAck(c, 'chat:send', { eventId: event.id, body: 'no redis needed' });
    expect(sent).toMatchObject({ ok: true });
    expect(await toDave).toEqual(sent.message);

    redis = await RedisServer.start({ port });
    // The joins never reached Redis; the heartbeat (every third of the TTL) brings them back.
    await waitFor(
      async () => (await presence(one.url, event.id, viewer.token)).online === 2,
      PRESENCE_TTL_MS + SLACK_MS,
      100,
    );
    for (const app of [one.app, two.app]) {
      expect(app.child.exitCode).toBeNull();
      expect(app.logs.filter((line) => line.levelName === 'fatal')).toEqual([]);
    }
  });
});
