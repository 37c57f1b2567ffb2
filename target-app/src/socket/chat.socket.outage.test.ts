// Chat over Socket.IO through a real database outage: PostgreSQL (our own, so we may kill it) stops
// in immediate mode while clients sit in a room. Sends are answered DATABASE_UNAVAILABLE or
// DATABASE_NOT_READY, the process and the sockets stay up, and once PostgreSQL is back and the app
// has reconnected, a send is persisted and delivered again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { createUser, startTestApp, waitFor, type TestApp } from '../../test/support.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';
import { connectSocket, emitAck, nextEvent, type ClientSocket } from '../../test/socket-client.ts';

let pg: EmbeddedPostgres;
let app: TestApp;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  pg = await EmbeddedPostgres.start();
  await pg.query('CREATE DATABASE app');
  await migrate(pg.url('app'));
  app = await startTestApp(pg.url('app'));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.stop();
  await pg?.destroy();
});

describe('chat during a database outage', () => {
  it('answers sends with a database error, stays up, and works again after the database returns', async () => {
    const { event } = await createOwnedEvent(app);
    const alice = await createUser(app);
    const bob = await createUser(app);
    const [a, b] = await Promise.all([connectSocket(app.url, alice.token), connectSocket(app.url, bob.token)]);
    sockets.push(a, b);
    expect(await emitAck(a, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    expect(await emitAck(b, 'chat:join', { eventId: event.id })).toEqual({ ok: true });

    await pg.stop('immediate');

    const during = await emitAck(a, 'chat:send', { eventId: event.id, body: 'is anyone there?' });
    expect(during).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^DATABASE_(UNAVAILABLE|NOT_READY)$/) },
    });
    // The failure woke the reconnection loop: the next send is refused at the gate, at once.
    expect(app.server.database.isReady).toBe(false);
    expect(await emitAck(a, 'chat:send', { eventId: event.id, body: 'still there?' })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_NOT_READY' },
    });
    expect(await emitAck(b, 'chat:join', { eventId: event.id })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_NOT_READY' },
    });
    expect((await app.api('GET', '/health')).status).toBe(200);
    expect(a.connected && b.connected).toBe(true);

    await pg.startAgain();
    await waitFor(async () => (await app.api('GET', '/db-check')).status === 200, 30_000, 200);
    await waitFor(() => app.server.database.isReady, 10_000);

    const delivered = nextEvent(b, 'chat:message');
    const after = await emitAck(a, 'chat:send', { eventId: event.id, body: 'back again' });
    expect(after).toMatchObject({ ok: true, message: { body: 'back again' } });
    expect(await delivered).toEqual(after.message);
    expect(await app.prisma.chatMessage.findMany({ where: { eventId: event.id }, select: { body: true } })).toEqual([
      { body: 'back again' },
    ]);

    expect(app.exits).toEqual([]);
    expect(app.logs.filter((line) => line.incident === true)).toEqual([]);
    expect(app.logs.some((line) => line.event === 'socket.error' && line.code === 'DATABASE_UNAVAILABLE')).toBe(
      during.error.code === 'DATABASE_UNAVAILABLE',
    );
  });
});
