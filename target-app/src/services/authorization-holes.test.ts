// The authorization and domain holes of the review, replayed as it saw them: a stranger read a
// draft's chat, a soft-deleted organizer's events stayed listed, ticketable and writable, a ticket
// of a deleted event was verified to USED, capacity was never enforced (also under concurrent
// reservations), the public organizer view showed phone, owner and unapproved organizers, and
// registering a soft-deleted user's e-mail revealed the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createEvent, createMessage, createOrganizer, createTicket } from '../../test/fixtures-events.ts';
import { createUser, startTestApp, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('authz_holes');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe("a draft event's chat", () => {
  it('is 404 to a stranger, like the draft itself, and readable by its owner', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const draft = await createEvent(app, organizer.id, { status: 'DRAFT' });
    await createMessage(app, draft.id, owner.user.id, { body: 'secret lineup' });
    const stranger = await createUser(app);
    expect((await app.api('GET', `/events/${draft.id}`, { token: stranger.token })).status).toBe(404);
    const chat = await app.api('GET', `/events/${draft.id}/messages`, { token: stranger.token });
    expect(chat.status).toBe(404);
    expect(JSON.stringify(chat.body)).not.toContain('secret lineup');
    const own = await app.api('GET', `/events/${draft.id}/messages`, { token: owner.token });
    expect(own.status).toBe(200);
    expect(own.body.messages).toHaveLength(1);
  });
});

describe("a soft-deleted organizer's events", () => {
  it('are not listed, not readable, not ticketable, not writable and have no open chat', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const event = await createEvent(app, organizer.id);
    const user = await createUser(app);
    expect((await app.api('GET', `/events/${event.id}`, { token: user.token })).status).toBe(200);
    await app.prisma.organizer.update({ where: { id: organizer.id }, data: { deletedAt: new Date() } });

    const listing = await app.api('GET', '/events?limit=100', { token: user.token });
    expect(listing.body.events.map((e: { id: string }) => e.id)).not.toContain(event.id);
    expect((await app.api('GET', `/events/${event.id}`, { token: user.token })).status).toBe(404);
    const reserve = await app.api('POST', `/events/${event.id}/tickets`, {
      token: user.token,
      body: { clientKey: `orphan-${event.id}` },
    });
    expect(reserve.status).toBe(404);
    const patch = await app.api('PATCH', `/events/${event.id}`, { token: owner.token, body: { title: 'Revived' } });
    expect(patch.status).toBe(404);
    expect(
      (await app.api('POST', `/events/${event.id}/messages`, { token: user.token, body: { body: 'hi' } })).status,
    ).toBe(404);
    expect(await app.prisma.ticket.count({ where: { eventId: event.id } })).toBe(0);
    expect((await app.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe(event.title);
  });
});

describe('a ticket of a deleted event', () => {
  it('cannot be verified to USED (409) and stays as it was; a live one can', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const gone = await createEvent(app, organizer.id);
    const live = await createEvent(app, organizer.id);
    const holder = await createUser(app);
    const goneTicket = await createTicket(app, gone.id, holder.user.id);
    const liveTicket = await createTicket(app, live.id, holder.user.id);
    expect((await app.api('DELETE', `/events/${gone.id}`, { token: owner.token })).status).toBe(204);

    const verify = await app.api('POST', `/tickets/${goneTicket.id}/verify`, { token: owner.token });
    expect(verify.status).toBe(409);
    expect(verify.body.error.code).toBe('CONFLICT');
    expect(await app.prisma.ticket.findUniqueOrThrow({ where: { id: goneTicket.id } })).toMatchObject({
      status: 'RESERVED',
      verifiedAt: null,
    });
    const confirm = await app.api('PATCH', `/tickets/${goneTicket.id}/status`, {
      token: owner.token,
      body: { status: 'CONFIRMED' },
    });
    expect(confirm.status).toBe(409);
    // The holder can still cancel it.
    const cancel = await app.api('PATCH', `/tickets/${goneTicket.id}/status`, {
      token: holder.token,
      body: { status: 'CANCELLED' },
    });
    expect(cancel.status).toBe(200);
    expect((await app.api('POST', `/tickets/${liveTicket.id}/verify`, { token: owner.token })).body.ticket.status).toBe(
      'USED',
    );
  });
});

describe('capacity', () => {
  async function eventWithCapacity(capacity: number) {
    const { organizer } = await createOrganizer(app);
    const event = await createEvent(app, organizer.id);
    return app.prisma.event.update({ where: { id: event.id }, data: { capacity } });
  }

  it('capacity 1: the first reservation is 201, the second 409; a retry of the first is still 200', async () => {
    const event = await eventWithCapacity(1);
    const [first, second] = [await createUser(app), await createUser(app)];
    const reserve = (token: string, clientKey: string) =>
      app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } });
    expect((await reserve(first.token, `cap1-a-${event.id}`)).status).toBe(201);
    const full = await reserve(second.token, `cap1-b-${event.id}`);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain('sold out');
    expect((await reserve(first.token, `cap1-a-${event.id}`)).status).toBe(200);
    expect(await app.prisma.ticket.count({ where: { eventId: event.id } })).toBe(1);
  });

  it('a cancelled ticket gives its seat back', async () => {
    const event = await eventWithCapacity(1);
    const holder = await createUser(app);
    const ticket = await createTicket(app, event.id, holder.user.id, { status: 'CANCELLED' });
    const res = await app.api('POST', `/events/${event.id}/tickets`, {
      token: (await createUser(app)).token,
      body: { clientKey: `after-cancel-${ticket.id}` },
    });
    expect(res.status).toBe(201);
  });

  it('holds under concurrent reservations: 24 at once for 5 seats, exactly 5 succeed', async () => {
    const seats = 5;
    const event = await eventWithCapacity(seats);
    const users = await Promise.all(Array.from({ length: 24 }, () => createUser(app)));
    const answers = await Promise.all(
      users.map((user, i) =>
        app.api('POST', `/events/${event.id}/tickets`, {
          token: user.token,
          body: { clientKey: `rush-${i}-${event.id}` },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(seats);
    expect(statuses.filter((status) => status === 409)).toHaveLength(users.length - seats);
    expect(await app.prisma.ticket.count({ where: { eventId: event.id } })).toBe(seats);
  });
});

describe('the public organizer view', () => {
  it('hides phone and owner, and unapproved organizers', async () => {
    const { organizer } = await createOrganizer(app);
    await app.prisma.organizer.update({ where: { id: organizer.id }, data: { phone: '+15550009999' } });
    const pending = await createOrganizer(app, { status: 'PENDING' });

    const profile = await app.api('GET', `/organizers/${organizer.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body.organizer.id).toBe(organizer.id);
    expect(profile.body.organizer).not.toHaveProperty('phone');
    expect(profile.body.organizer).not.toHaveProperty('ownerId');
    const listing = await app.api('GET', '/organizers?limit=100');
    for (const listed of listing.body.organizers) {
      expect(listed).not.toHaveProperty('phone');
      expect(listed).not.toHaveProperty('ownerId');
    }
    expect((await app.api('GET', `/organizers/${pending.organizer.id}`)).status).toBe(404);
  });
});

describe('registering the e-mail of a soft-deleted user', () => {
  it('answers as for a new e-mail (201, a new account) and does not touch the deleted one', async () => {
    const deleted = await createUser(app, { deleted: true });
    const fresh = await app.api('POST', '/auth/register', {
      body: { email: `brand-new-${deleted.user.id}@example.test`, password: 'long enough', name: 'New' },
    });
    const reused = await app.api('POST', '/auth/register', {
      body: { email: deleted.user.email, password: 'long enough', name: 'New' },
    });
    expect(reused.status).toBe(fresh.status);
    expect(reused.status).toBe(201);
    expect(Object.keys(reused.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(reused.body.user.id).not.toBe(deleted.user.id);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: deleted.user.id } })).deletedAt).not.toBeNull();
    // The deleted account cannot come back over the address now in use (409), the new one keeps it.
    const admin = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('POST', `/admin/users/${deleted.user.id}/restore`, { token: admin.token })).status).toBe(409);
  });

  it('a live e-mail is still taken (409)', async () => {
    const live = await createUser(app);
    const res = await app.api('POST', '/auth/register', {
      body: { email: live.user.email, password: 'long enough', name: 'Copy' },
    });
    expect(res.status).toBe(409);
  });
});
