// Events, the owner's writes (update, softDelete, publish, unpublish): each changes the database on
// the happy path, answers 404 for a missing or soft-deleted event (never 500) and leaves the row as
// it was, 403 for a non-owner, and lets an admin do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import type { Event } from '../generated/prisma/client.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { createArtist, createOwnedEvent, createVenue } from '../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('event_writes');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

interface WriteCase {
  name: string;
  method: string;
  path: (id: string) => string;
  body?: unknown;
  status: number;
  /** The event the case starts from (publish starts from a draft). */
  from: 'DRAFT' | 'PUBLISHED';
  changed: (row: Event) => boolean;
}

const writes: WriteCase[] = [
  {
    name: 'update',
    method: 'PATCH',
    path: (id) => `/events/${id}`,
    body: { title: 'Renamed', capacity: 42 },
    status: 200,
    from: 'PUBLISHED',
    changed: (row) => row.title === 'Renamed' && row.capacity === 42,
  },
  {
    name: 'softDelete',
    method: 'DELETE',
    path: (id) => `/events/${id}`,
    status: 204,
    from: 'PUBLISHED',
    changed: (row) => row.deletedAt !== null,
  },
  {
    name: 'publish',
    method: 'POST',
    path: (id) => `/events/${id}/publish`,
    status: 200,
    from: 'DRAFT',
    changed: (row) => row.status === 'PUBLISHED' && row.publishedAt !== null,
  },
  {
    name: 'unpublish',
    method: 'POST',
    path: (id) => `/events/${id}/unpublish`,
    status: 200,
    from: 'PUBLISHED',
    changed: (row) => row.status === 'DRAFT' && row.publishedAt === null,
  },
];

const row = (id: string): Promise<Event> => app.prisma.event.findUniqueOrThrow({ where: { id } });

describe.each(writes)('$name', (write) => {
  it('changes the event for its owner', async () => {
    const { event, owner } = await createOwnedEvent(app, { status: write.from });
    const res = await app.api(write.method, write.path(event.id), { token: owner.token, body: write.body });
    expect(res.status).toBe(write.status);
    expect(write.changed(await row(event.id))).toBe(true);
  });

  it('lets an admin do it', async () => {
    const { event } = await createOwnedEvent(app, { status: write.from });
    const admin = await createUser(app, { role: 'ADMIN' });
    expect((await app.api(write.method, write.path(event.id), { token: admin.token, body: write.body })).status).toBe(
      write.status,
    );
    expect(write.changed(await row(event.id))).toBe(true);
  });

  it('answers 404 NOT_FOUND for a missing event', async () => {
    const admin = await createUser(app, { role: 'ADMIN' });
    const res = await app.api(write.method, write.path(missingId()), { token: admin.token, body: write.body });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for a soft-deleted event and leaves the row unchanged', async () => {
    const { event, owner } = await createOwnedEvent(app, { status: write.from, deleted: true });
    const before = await row(event.id);
    const res = await app.api(write.method, write.path(event.id), { token: owner.token, body: write.body });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await row(event.id)).toEqual(before);
  });

  it('answers 403 to a user who does not own the organizer, and leaves the row unchanged', async () => {
    const { event } = await createOwnedEvent(app, { status: write.from });
    const before = await row(event.id);
    for (const role of ['USER', 'ORGANIZER'] as const) {
      const stranger = await createUser(app, { role });
      const res = await app.api(write.method, write.path(event.id), { token: stranger.token, body: write.body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await row(event.id)).toEqual(before);
  });

  it('answers 400 for a malformed id', async () => {
    const { owner } = await createOwnedEvent(app);
    expect((await app.api(write.method, write.path('123'), { token: owner.token, body: write.body })).status).toBe(400);
  });
});

describe('update', () => {
  it('replaces the artists and the venue, and clears nullable fields', async () => {
    const { event, owner } = await createOwnedEvent(app);
    const [first, second] = [await createArtist(app), await createArtist(app)];
    const venue = await createVenue(app);
    await app.api('PATCH', `/events/${event.id}`, {
      token: owner.token,
      body: { artistIds: [first.id], venueId: venue.id, description: 'x' },
    });
    const res = await app.api('PATCH', `/events/${event.id}`, {
      token: owner.token,
      body: { artistIds: [second.id], description: null },
    });
    expect(res.status).toBe(200);
    const updated = await app.prisma.event.findUniqueOrThrow({ where: { id: event.id }, include: { artists: true } });
    expect(updated.artists.map((link) => link.artistId)).toEqual([second.id]);
    expect(updated).toMatchObject({ venueId: venue.id, description: null });
  });

  it('is 404 for a soft-deleted venue', async () => {
    const { event, owner } = await createOwnedEvent(app);
    const venue = await createVenue(app, { deleted: true });
    expect(
      (await app.api('PATCH', `/events/${event.id}`, { token: owner.token, body: { venueId: venue.id } })).status,
    ).toBe(404);
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { status: 'PUBLISHED' }],
    ['an empty title', { title: '' }],
    ['a bad date', { startsAt: '2030-13-45' }],
    ['a fractional capacity', { capacity: 1.5 }],
  ])('rejects %s with 400', async (_name, body) => {
    const { event, owner } = await createOwnedEvent(app);
    const res = await app.api('PATCH', `/events/${event.id}`, { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a soft-deleted event is gone everywhere', () => {
  it('drops out of the listing and the detail', async () => {
    const { event, owner } = await createOwnedEvent(app);
    expect(
      (await app.api('GET', '/events?limit=100', { token: owner.token })).body.events.map((e: { id: string }) => e.id),
    ).toContain(event.id);
    expect((await app.api('DELETE', `/events/${event.id}`, { token: owner.token })).status).toBe(204);
    expect(
      (await app.api('GET', '/events?limit=100', { token: owner.token })).body.events.map((e: { id: string }) => e.id),
    ).not.toContain(event.id);
    expect((await app.api('GET', `/events/${event.id}`, { token: owner.token })).status).toBe(404);
    expect((await app.api('DELETE', `/events/${event.id}`, { token: owner.token })).status).toBe(404);
  });
});
