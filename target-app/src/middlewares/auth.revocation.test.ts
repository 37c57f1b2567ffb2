// Token revocation, replayed as the review observed it: a deleted admin kept deleting users and
// creating artists, a demoted admin kept the admin listing, a deleted user kept reserving tickets and
// chatting, a password change revoked nothing, and Socket.IO checked the token only at connect.
// Each now loses access on the next request (HTTP) or at once (sockets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';
import { connectSocket, emitAck, type ClientSocket } from '../../test/socket-client.ts';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('revocation');
  // A long cache: what these tests show comes from the change itself, not from an entry expiring.
  app = await startTestApp(db.url, { AUTH_CACHE_TTL_MS: '60000' });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const disconnected = (socket: ClientSocket): Promise<string> =>
  new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('over HTTP', () => {
  it('a soft-deleted admin can no longer delete users or create artists', async () => {
    const deletedAdmin = await createUser(app, { role: 'ADMIN' });
    const otherAdmin = await createUser(app, { role: 'ADMIN' });
    const victim = await createUser(app);
    // The token works (and its user's state is now cached) before the deletion.
    expect((await app.api('GET', '/admin/users', { token: deletedAdmin.token })).status).toBe(200);

    expect((await app.api('DELETE', `/admin/users/${deletedAdmin.user.id}`, { token: otherAdmin.token })).status).toBe(
      204,
    );

    const del = await app.api('DELETE', `/admin/users/${victim.user.id}`, { token: deletedAdmin.token });
    expect(del.status).toBe(401);
    expect(del.body.error.code).toBe('UNAUTHORIZED');
    const artist = await app.api('POST', '/artists', { token: deletedAdmin.token, body: { name: 'Ghost Band' } });
    expect(artist.status).toBe(401);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: victim.user.id } })).deletedAt).toBeNull();
    expect(await app.prisma.artist.count({ where: { name: 'Ghost Band' } })).toBe(0);
  });

  it('a demoted admin loses the admin listing; a new login carries the new role', async () => {
    const demoted = await createUser(app, { role: 'ADMIN' });
    const otherAdmin = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('GET', '/admin/users', { token: demoted.token })).status).toBe(200);

    const patch = await app.api('PATCH', `/admin/users/${demoted.user.id}`, {
      token: otherAdmin.token,
      body: { role: 'USER' },
    });
    expect(patch.status).toBe(200);

    expect((await app.api('GET', '/admin/users', { token: demoted.token })).status).toBe(401);
    const login = await app.api('POST', '/auth/login', {
      body: { email: demoted.user.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('USER');
    expect((await app.api('GET', '/admin/users', { token: login.body.token })).status).toBe(403);
    expect((await app.api('GET', '/users/me', { token: login.body.token })).status).toBe(200);
  });

  it('a deleted user can no longer reserve tickets or post chat messages', async () => {
    const { event } = await createOwnedEvent(app);
    const user = await createUser(app);
    const admin = await createUser(app, { role: 'ADMIN' });
    const before = await app.api('POST', `/events/${event.id}/tickets`, {
      token: user.token,
      body: { clientKey: `before-${user.user.id}` },
    });
    expect(before.status).toBe(201);

    expect((await app.api('DELETE', `/admin/users/${user.user.id}`, { token: admin.token })).status).toBe(204);

    const ticket = await app.api('POST', `/events/${event.id}/tickets`, {
      token: user.token,
      body: { clientKey: `after-${user.user.id}` },
    });
    expect(ticket.status).toBe(401);
    const chat = await app.api('POST', `/events/${event.id}/messages`, { token: user.token, body: { body: 'hi' } });
    expect(chat.status).toBe(401);
    expect(await app.prisma.ticket.count({ where: { holderId: user.user.id } })).toBe(1);
    expect(await app.prisma.chatMessage.count({ where: { authorId: user.user.id } })).toBe(0);

    // A restore does not bring the old tokens back: the user signs in again.
    expect((await app.api('POST', `/admin/users/${user.user.id}/restore`, { token: admin.token })).status).toBe(200);
    expect((await app.api('GET', '/users/me', { token: user.token })).status).toBe(401);
    const login = await app.api('POST', '/auth/login', { body: { email: user.user.email, password: TEST_PASSWORD } });
    expect((await app.api('GET', '/users/me', { token: login.body.token })).status).toBe(200);
  });

  it('a password change revokes the tokens issued before it, and answers with a fresh one', async () => {
    const user = await createUser(app);
    const otherSession = await app.tokenFor(user.user);
    expect((await app.api('GET', '/users/me', { token: otherSession })).status).toBe(200);

    const change = await app.api('PATCH', '/auth/me', {
      token: user.token,
      body: { currentPassword: TEST_PASSWORD, password: 'a brand new password' },
    });
    expect(change.status).toBe(200);
    expect(change.body.token).toEqual(expect.any(String));

    expect((await app.api('GET', '/users/me', { token: user.token })).status).toBe(401);
    expect((await app.api('GET', '/users/me', { token: otherSession })).status).toBe(401);
    expect((await app.api('GET', '/users/me', { token: change.body.token })).status).toBe(200);
  });

  it('a token whose role or version does not match the row is refused', async () => {
    const user = await createUser(app);
    expect(
      (await app.api('GET', '/users/me', { token: await app.tokenFor({ ...user.user, role: 'ADMIN' }) })).status,
    ).toBe(401);
    expect(
      (await app.api('GET', '/users/me', { token: await app.tokenFor({ ...user.user, tokenVersion: 1 }) })).status,
    ).toBe(401);
    expect((await app.api('GET', '/users/me', { token: user.token })).status).toBe(200);
  });
});

describe('over Socket.IO', () => {
  it("drops a deleted user's socket at once, and refuses to let it reconnect", async () => {
    const { event } = await createOwnedEvent(app);
    const user = await createUser(app);
    const admin = await createUser(app, { role: 'ADMIN' });
    const socket = await connectSocket(app.url, user.token);
    try {
      expect(await emitAck(socket, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
      const gone = disconnected(socket);
      expect((await app.api('DELETE', `/admin/users/${user.user.id}`, { token: admin.token })).status).toBe(204);
      expect(await gone).toBe('io server disconnect');
      await expect(connectSocket(app.url, user.token)).rejects.toThrow('UNAUTHORIZED');
      expect(await app.prisma.chatMessage.count({ where: { authorId: user.user.id } })).toBe(0);
    } finally {
      socket.close();
    }
  });

  it('re-checks the token on every event: a change made behind the app is refused on the next send', async () => {
    const { event } = await createOwnedEvent(app);
    const user = await createUser(app);
    // No cache here: a change that no instance announced (e.g. made in SQL) is seen on the next event.
    const uncached = await startTestApp(db.url, { AUTH_CACHE_TTL_MS: '0' });
    const socket = await connectSocket(uncached.url, user.token);
    try {
      expect(await emitAck(socket, 'chat:join', { eventId: event.id })).toEqual({ ok: true });
      await app.prisma.user.update({ where: { id: user.user.id }, data: { role: 'ORGANIZER' } });
      const gone = disconnected(socket);
      const ack = await emitAck(socket, 'chat:send', { eventId: event.id, body: 'still here?' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await gone).toBe('io server disconnect');
      expect(await app.prisma.chatMessage.count({ where: { authorId: user.user.id } })).toBe(0);
    } finally {
      socket.close();
      await uncached.stop();
    }
  });

  it('keeps the sockets of a user whose change did not revoke them (a restore)', async () => {
    const user = await createUser(app);
    const admin = await createUser(app, { role: 'ADMIN' });
    const socket = await connectSocket(app.url, user.token);
    try {
      // A name change is no auth change; a restore of someone else is none of this socket's business.
      expect(
        (await app.api('PATCH', `/admin/users/${user.user.id}`, { token: admin.token, body: { name: 'Renamed' } }))
          .status,
      ).toBe(200);
      const other = await createUser(app, { deleted: true });
      expect((await app.api('POST', `/admin/users/${other.user.id}/restore`, { token: admin.token })).status).toBe(200);
      expect(socket.connected).toBe(true);
      expect(await emitAck(socket, 'chat:join', { eventId: (await createOwnedEvent(app)).event.id })).toEqual({
        ok: true,
      });
    } finally {
      socket.close();
    }
  });
});
