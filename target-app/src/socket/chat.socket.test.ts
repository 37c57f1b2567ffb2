// Chat over Socket.IO against the real server: authenticated handshakes, joining a room, a message
// persisted and broadcast to every member, moderation broadcast from HTTP, and every failure
// answered as an acknowledgement — never a crash, never silence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';
import { connectSocket, emitAck, nextEvent, record, type ClientSocket } from '../../test/socket-client.ts';

let db: TestDatabase;
let app: TestApp;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  db = await createTestDatabase('chat_socket');
  app = await startTestApp(db.url);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function connect(token: string): Promise<ClientSocket> {
  const socket = await connectSocket(app.url, token);
  sockets.push(socket);
  return socket;
}

describe('handshake', () => {
  it.each([
    ['no token', undefined],
    ['a forged token', 'not.a.jwt'],
  ])('refuses a connection with %s (UNAUTHORIZED)', async (_name, token) => {
    await expect(connectSocket(app.url, token)).rejects.toThrow('UNAUTHORIZED');
  });
});

describe('a chat room', () => {
  it('delivers a sent message to every member and persists it; a moderator deletion reaches them all', async () => {
    const { event, owner } = await createOwnedEvent(app);
    const alice = await createUser(app);
    const bob = await createUser(app);
    const [a, b] = [await connect(alice.token), await connect(bob.token)];
    expect(await emitAck(a, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    expect(await emitAck(b, 'chat:join', { eventId: event.id })).toEqual({ ok: true });

    const received = [nextEvent(a, 'chat:message'), nextEvent(b, 'chat:message')];
    const ack = await emitAck(a, 'chat:send', { eventId: event.id, body: 'hi bob' });
    expect(ack).toMatchObject({ ok: true, message: { eventId: event.id, authorId: alice.user.id, body: 'hi bob' } });
    for (const message of await Promise.all(received)) expect(message).toEqual(ack.message);
    expect(await app.prisma.chatMessage.findUniqueOrThrow({ where: { id: ack.message.id } })).toMatchObject({
      body: 'hi bob',
      authorId: alice.user.id,
      deletedAt: null,
    });

    const deleted = [nextEvent(a, 'chat:deleted'), nextEvent(b, 'chat:deleted')];
    const admin = await createUser(app, { role: 'ADMIN' });
    expect(
      (await app.api('DELETE', `/chat/messages/${ack.message.id}`, { token: admin.token, body: { reason: 'rude' } }))
        .status,
    ).toBe(200);
    for (const notice of await Promise.all(deleted))
      expect(notice).toEqual({ eventId: event.id, messageId: ack.message.id, reason: 'rude' });

    // The owner moderates too; an HTTP post reaches the room like a socket send.
    const posted = nextEvent(b, 'chat:message');
    const http = await app.api('POST', `/events/${event.id}/messages`, {
      token: owner.token,
      body: { body: 'welcome' },
    });
    expect(await posted).toEqual(http.body.message);
  });

  it('stops delivering to a socket that left', async () => {
    const { event } = await createOwnedEvent(app);
    const [a, b] = [await connect((await createUser(app)).token), await connect((await createUser(app)).token)];
    await emitAck(a, 'chat:join', { eventId: event.id });
    await emitAck(b, 'chat:join', { eventId: event.id });
    const seenByA = record(a, 'chat:message');
    expect(await emitAck(a, 'chat:leave', { eventId: event.id })).toEqual({ ok: true });
    const own = nextEvent(b, 'chat:message');
    await emitAck(b, 'chat:send', { eventId: event.id, body: 'anyone left?' });
    await own;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByA).toEqual([]);
  });
});

describe('failures come back as acknowledgements', () => {
  it.each([
    ['chat:join', { eventId: 'nope' }],
    ['chat:join', { eventId: missingId(), extra: 1 }],
    ['chat:join', 'a string'],
    ['chat:send', { eventId: missingId() }],
    ['chat:send', { eventId: missingId(), body: '' }],
    ['chat:send', { eventId: missingId(), body: 'x'.repeat(2_001) }],
    ['chat:leave', {}],
  ])('%s with %j → VALIDATION_FAILED', async (event, payload) => {
    const socket = await connect((await createUser(app)).token);
    expect(await emitAck(socket, event, payload)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.any(String) },
    });
  });

  it('an emit with no payload at all → VALIDATION_FAILED', async () => {
    const socket = await connect((await createUser(app)).token);
    expect(await emitAck(socket, 'chat:join')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('joining a missing, soft-deleted or draft event → NOT_FOUND', async () => {
    const socket = await connect((await createUser(app)).token);
    const deleted = await createOwnedEvent(app, { deleted: true });
    const draft = await createOwnedEvent(app, { status: 'DRAFT' });
    for (const eventId of [missingId(), deleted.event.id, draft.event.id]) {
      expect(await emitAck(socket, 'chat:join', { eventId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
  });

  it('sending without joining → FORBIDDEN, and nothing is stored', async () => {
    const { event } = await createOwnedEvent(app);
    const { user, token } = await createUser(app);
    const socket = await connect(token);
    expect(await emitAck(socket, 'chat:send', { eventId: event.id, body: 'sneaky' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await app.prisma.chatMessage.count({ where: { authorId: user.id } })).toBe(0);
  });

  it('sending to an event deleted after joining → NOT_FOUND', async () => {
    const { event } = await createOwnedEvent(app);
    const socket = await connect((await createUser(app)).token);
    await emitAck(socket, 'chat:join', { eventId: event.id });
    await app.prisma.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect(await emitAck(socket, 'chat:send', { eventId: event.id, body: 'hello?' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('emits without an ack callback do not break the connection or the server', async () => {
    const { event } = await createOwnedEvent(app);
    const socket = await connect((await createUser(app)).token);
    socket.emit('chat:join', { eventId: 'bad' });
    socket.emit('chat:send', { eventId: event.id, body: 'not joined' });
    socket.emit('chat:join', { eventId: event.id });
    expect(await emitAck(socket, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
    expect(socket.connected).toBe(true);
    expect((await app.api('GET', '/health')).status).toBe(200);
    expect(app.logs.filter((line) => line.incident === true)).toEqual([]);
  });
});
