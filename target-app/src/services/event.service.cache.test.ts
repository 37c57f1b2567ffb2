// Events with a real Redis: the listing is read through a 10 s cache that every event write
// invalidates, presence counts the sockets in an event's chat, and when Redis dies both degrade to
// "no cache" without failing a request. Needs `redis-server` on PATH (skipped, loudly, without it).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import {
  findRedisServer,
  RedisServer,
  redisServerMissingReason,
} from '../../../harness/environment/redis/redis-server.ts';
import { createUser, startTestApp, waitFor, type TestApp } from '../../test/support.ts';
import { createEvent, createOrganizer, createOwnedEvent } from '../../test/fixtures-events.ts';
import { connectSocket, emitAck, type ClientSocket } from '../../test/socket-client.ts';

const hasRedis = findRedisServer() !== undefined;
if (!hasRedis) console.warn(`skipping the events cache tests: ${redisServerMissingReason()}`);

let db: TestDatabase;
let redis: RedisServer;
let inspect: Redis;
let app: TestApp;

beforeAll(async () => {
  if (!hasRedis) return;
  db = await createTestDatabase('events_cache');
  redis = await RedisServer.start();
  inspect = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  inspect.on('error', () => undefined);
  await inspect.connect();
  app = await startTestApp(db.url, { REDIS_URL: redis.url, REDIS_CONNECT_TIMEOUT_MS: '300' });
});
afterAll(async () => {
  inspect?.disconnect();
  await app?.stop();
  await redis?.stop();
  await db?.drop();
});

// SCAN, not KEYS: the test must not use the command the app is tested for not using.
async function listingKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await inspect.scan(cursor, 'MATCH', 'events:list:*', 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}
const commandCalls = async (command: string): Promise<number> => {
  const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(await inspect.info('commandstats'));
  return match === null ? 0 : Number(match[1]);
};
const ids = (body: { events: { id: string }[] }): string[] => body.events.map((event) => event.id);

describe.runIf(hasRedis)('the listing cache', () => {
  it('serves the second read from Redis, under events:list:<limit>:<offset> with a TTL of at most 10 s', async () => {
    const { token } = await createUser(app);
    await inspect.del(...(await listingKeys()), 'unused');
    const first = await app.api('GET', '/events?limit=7&offset=0', { token });
    expect(first.headers.get('x-cache')).toBe('miss');
    const ttlSec = await inspect.ttl('events:list:7:0');
    expect(ttlSec).toBeGreaterThan(0);
    expect(ttlSec).toBeLessThanOrEqual(10);
    const second = await app.api('GET', '/events?limit=7&offset=0', { token });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
  });

  it('really answers from the cache: a row written behind the API stays unseen until an event write invalidates', async () => {
    const { organizer, owner } = await createOrganizer(app);
    await app.api('GET', '/events?limit=100', { token: owner.token });
    const sneaky = await createEvent(app, organizer.id, { startsAt: new Date('2030-01-01T00:00:00Z') });
    const cached = await app.api('GET', '/events?limit=100', { token: owner.token });
    expect(cached.headers.get('x-cache')).toBe('hit');
    expect(ids(cached.body)).not.toContain(sneaky.id);

    const draft = await createEvent(app, organizer.id, { status: 'DRAFT' });
    expect((await app.api('POST', `/events/${draft.id}/publish`, { token: owner.token })).status).toBe(200);
    const fresh = await app.api('GET', '/events?limit=100', { token: owner.token });
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(ids(fresh.body)).toEqual(expect.arrayContaining([sneaky.id, draft.id]));
  });

  it.each([
    [
      'create',
      'POST',
      () => '/events',
      (organizerId: string) => ({ organizerId, title: 'New', startsAt: '2031-01-01T00:00:00Z' }),
    ],
    ['update', 'PATCH', (id: string) => `/events/${id}`, () => ({ title: 'Changed' })],
    ['publish', 'POST', (id: string) => `/events/${id}/publish`, () => undefined],
    ['unpublish', 'POST', (id: string) => `/events/${id}/unpublish`, () => undefined],
    ['softDelete', 'DELETE', (id: string) => `/events/${id}`, () => undefined],
  ])('%s invalidates every cached listing page', async (_name, method, path, body) => {
    const { event, organizer, owner } = await createOwnedEvent(app);
    await app.api('GET', '/events?limit=5&offset=0', { token: owner.token });
    await app.api('GET', '/events?limit=5&offset=5', { token: owner.token });
    expect((await listingKeys()).length).toBeGreaterThanOrEqual(2);
    const res = await app.api(method, path(event.id), { token: owner.token, body: body(organizer.id) });
    expect(res.status).toBeLessThan(300);
    expect(await listingKeys()).toEqual([]);
  });
});

describe.runIf(hasRedis)('invalidation on a shared Redis', () => {
  it('deletes the cached pages with SCAN, never KEYS (one KEYS blocks every instance sharing Redis)', async () => {
    const { event, owner } = await createOwnedEvent(app);
    await app.api('GET', '/events?limit=3&offset=0', { token: owner.token });
    expect((await listingKeys()).length).toBeGreaterThan(0);
    await inspect.config('RESETSTAT');
    const res = await app.api('PATCH', `/events/${event.id}`, { token: owner.token, body: { title: 'Renamed' } });
    expect(res.status).toBe(200);
    expect(await commandCalls('keys')).toBe(0);
    expect(await commandCalls('scan')).toBeGreaterThan(0);
    expect(await listingKeys()).toEqual([]);
  });
});

describe.runIf(hasRedis)('presence', () => {
  it('counts the sockets in an event chat, down again on leave and disconnect', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const online = async (): Promise<unknown> => (await app.api('GET', `/events/${event.id}/presence`, { token })).body;
    expect(await online()).toEqual({ eventId: event.id, online: 0, degraded: false });

    const sockets: ClientSocket[] = await Promise.all([connectSocket(app.url, token), connectSocket(app.url, token)]);
    try {
      for (const socket of sockets) await emitAck(socket, 'chat:join', { eventId: event.id });
      await emitAck(sockets[0]!, 'chat:join', { eventId: event.id }); // joining twice counts once
      await waitFor(async () => ((await online()) as { online: number }).online === 2);
      await emitAck(sockets[0]!, 'chat:leave', { eventId: event.id });
      await waitFor(async () => ((await online()) as { online: number }).online === 1);
      sockets[1]!.close();
      await waitFor(async () => ((await online()) as { online: number }).online === 0);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

// Last: it stops Redis for good.
describe.runIf(hasRedis)('when Redis dies', () => {
  it('the listing comes from the database, writes still succeed, presence says degraded', async () => {
    const { event, owner } = await createOwnedEvent(app);
    await app.api('GET', '/events?limit=100', { token: owner.token });
    await redis.stop();
    await waitFor(() => app.server.cache.status().status !== 'up');

    const listing = await app.api('GET', '/events?limit=100', { token: owner.token });
    expect(listing.status).toBe(200);
    expect(listing.headers.get('x-cache')).toBe('miss');
    expect(ids(listing.body)).toContain(event.id);
    expect(
      (await app.api('PATCH', `/events/${event.id}`, { token: owner.token, body: { title: 'No cache needed' } }))
        .status,
    ).toBe(200);
    expect((await app.api('GET', `/events/${event.id}/presence`, { token: owner.token })).body).toEqual({
      eventId: event.id,
      online: null,
      degraded: true,
    });
  });
});
