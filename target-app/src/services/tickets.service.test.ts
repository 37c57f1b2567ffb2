// Tickets, reserving and reading: a reservation is committed before it is acknowledged, a retry
// with the same clientKey is idempotent (even when the retries race), a key cannot be taken over,
// and a ticket is visible to its holder, the event's owner and admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { createEvent, createOwnedEvent, createTicket } from '../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('tickets');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const key = (): string => `k-${missingId()}`;

describe('reserve (POST /events/:eventId/tickets)', () => {
  it('answers 201 only once the ticket is in the database', async () => {
    const { event } = await createOwnedEvent(app);
    const { user, token } = await createUser(app);
    const clientKey = key();
    const res = await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({
      id: expect.any(String),
      clientKey,
      eventId: event.id,
      holderId: user.id,
      status: 'RESERVED',
    });
    const row = await app.prisma.ticket.findUnique({ where: { clientKey } });
    expect(row).toMatchObject({ id: res.body.ticket.id, holderId: user.id, eventId: event.id });
  });

  it('answers 200 with the same ticket when the same holder retries the same key', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const clientKey = key();
    const first = await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } });
    const retry = await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.ticket.id).toBe(first.body.ticket.id);
    expect(await app.prisma.ticket.count({ where: { clientKey } })).toBe(1);
  });

  it('creates exactly one ticket when retries of one key race each other', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const clientKey = key();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } })),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((res) => res.body.ticket.id)).size).toBe(1);
    expect(await app.prisma.ticket.count({ where: { clientKey } })).toBe(1);
  });

  it('answers 409 when the key belongs to another holder or another event, and changes nothing', async () => {
    const { event, organizer } = await createOwnedEvent(app);
    const other = await createEvent(app, organizer.id);
    const holder = await createUser(app);
    const thief = await createUser(app);
    const clientKey = key();
    await app.api('POST', `/events/${event.id}/tickets`, { token: holder.token, body: { clientKey } });
    const byOther = await app.api('POST', `/events/${event.id}/tickets`, { token: thief.token, body: { clientKey } });
    expect(byOther.status).toBe(409);
    expect(byOther.body.error.code).toBe('CONFLICT');
    expect(
      (await app.api('POST', `/events/${other.id}/tickets`, { token: holder.token, body: { clientKey } })).status,
    ).toBe(409);
    expect(await app.prisma.ticket.findUniqueOrThrow({ where: { clientKey } })).toMatchObject({
      holderId: holder.user.id,
      eventId: event.id,
    });
  });

  it('answers 404 for a missing, soft-deleted or unpublished event and writes nothing', async () => {
    const deleted = await createOwnedEvent(app, { deleted: true });
    const draft = await createOwnedEvent(app, { status: 'DRAFT' });
    const { token } = await createUser(app);
    for (const eventId of [missingId(), deleted.event.id, draft.event.id]) {
      const clientKey = key();
      const res = await app.api('POST', `/events/${eventId}/tickets`, { token, body: { clientKey } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(await app.prisma.ticket.count({ where: { clientKey } })).toBe(0);
    }
  });

  it.each([
    ['no clientKey', {}],
    ['an empty clientKey', { clientKey: '' }],
    ['a clientKey with a space', { clientKey: 'a b' }],
    ['a clientKey with a slash', { clientKey: 'a/b' }],
    ['a clientKey of 101 characters', { clientKey: 'x'.repeat(101) }],
    ['a numeric clientKey', { clientKey: 12 }],
    ['an unknown field', { clientKey: 'ok', holderId: missingId() }],
  ])('rejects %s with 400', async (_name, body) => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const res = await app.api('POST', `/events/${event.id}/tickets`, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a malformed event id with 400', async () => {
    const { token } = await createUser(app);
    expect((await app.api('POST', '/events/abc/tickets', { token, body: { clientKey: key() } })).status).toBe(400);
  });

  it('accepts every allowed character and exactly 100 of them', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const clientKey = `Az09._:-${missingId()}`.padEnd(100, 'x');
    expect((await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } })).status).toBe(201);
  });
});

describe('reading tickets', () => {
  it('GET /tickets/:id and /tickets/by-key/:clientKey: holder, event owner and admin yes; anyone else 403', async () => {
    const { event, owner } = await createOwnedEvent(app);
    const holder = await createUser(app);
    const ticket = await createTicket(app, event.id, holder.user.id);
    const admin = await createUser(app, { role: 'ADMIN' });
    const stranger = await createUser(app, { role: 'ORGANIZER' });
    for (const path of [`/tickets/${ticket.id}`, `/tickets/by-key/${ticket.clientKey}`]) {
      for (const token of [holder.token, owner.token, admin.token]) {
        const res = await app.api('GET', path, { token });
        expect(res.status).toBe(200);
        expect(res.body.ticket).toMatchObject({ id: ticket.id, clientKey: ticket.clientKey });
        expect(res.body.ticket.event).toBeUndefined();
      }
      const denied = await app.api('GET', path, { token: stranger.token });
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 404 for a missing ticket and 400 for a malformed id or key', async () => {
    const { token } = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('GET', `/tickets/${missingId()}`, { token })).body.error.code).toBe('NOT_FOUND');
    expect((await app.api('GET', `/tickets/by-key/${key()}`, { token })).status).toBe(404);
    expect((await app.api('GET', '/tickets/42', { token })).status).toBe(400);
    expect((await app.api('GET', `/tickets/by-key/${encodeURIComponent('a b')}`, { token })).status).toBe(400);
  });

  it("GET /users/me/tickets lists the caller's tickets only, newest first", async () => {
    const { event } = await createOwnedEvent(app);
    const me = await createUser(app);
    const someone = await createUser(app);
    const older = await createTicket(app, event.id, me.user.id);
    const newer = await createTicket(app, event.id, me.user.id);
    await createTicket(app, event.id, someone.user.id);
    const res = await app.api('GET', '/users/me/tickets', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.body.tickets.map((t: { id: string }) => t.id)).toEqual([newer.id, older.id]);
    expect(
      (await app.api('GET', '/users/me/tickets?limit=1&offset=1', { token: me.token })).body.tickets.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([older.id]);
    expect((await app.api('GET', '/users/me/tickets?limit=0', { token: me.token })).status).toBe(400);
  });
});

describe('authentication', () => {
  it.each([
    ['POST', `/events/${missingId()}/tickets`],
    ['GET', `/tickets/${missingId()}`],
    ['GET', '/tickets/by-key/abc'],
    ['GET', '/users/me/tickets'],
    ['PATCH', `/tickets/${missingId()}/status`],
    ['POST', `/tickets/${missingId()}/verify`],
  ])('%s %s answers 401 without a token or with a forged one', async (method, path) => {
    const body = method === 'GET' ? undefined : { clientKey: 'x', status: 'CANCELLED' };
    expect((await app.api(method, path, { body })).status).toBe(401);
    expect((await app.api(method, path, { token: 'forged', body })).status).toBe(401);
  });
});
