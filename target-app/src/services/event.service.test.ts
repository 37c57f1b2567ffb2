// Events, reading and creating: the listing (with Redis down, it reads the database), one event
// (drafts only for their owner and admins), presence without Redis, create's rules, 400s and 401s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { freePort } from '../../../harness/lib/ports.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import {
  createArtist,
  createEvent,
  createOrganizer,
  createOwnedEvent,
  createVenue,
} from '../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('events');
  // Redis is configured but nothing listens there: the app must behave as if there were no cache.
  app = await startTestApp(db.url, { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const inTwoDays = (): string => new Date(Date.now() + 2 * 24 * 3_600_000).toISOString();

describe('GET /events', () => {
  it('lists published live events by start time, from the database when Redis is down', async () => {
    const { organizer } = await createOrganizer(app);
    const later = await createEvent(app, organizer.id, { startsAt: new Date('2031-02-01T00:00:00Z') });
    const sooner = await createEvent(app, organizer.id, { startsAt: new Date('2031-01-01T00:00:00Z') });
    const draft = await createEvent(app, organizer.id, { status: 'DRAFT', startsAt: new Date('2030-12-01T00:00:00Z') });
    const deleted = await createEvent(app, organizer.id, { deleted: true, startsAt: new Date('2030-12-01T00:00:00Z') });
    const { token } = await createUser(app);

    const res = await app.api('GET', '/events?limit=100', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('miss');
    const ids: string[] = res.body.events.map((event: { id: string }) => event.id);
    expect(ids.indexOf(sooner.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(deleted.id);

    // No stale cache either: a newly published event shows up on the very next read.
    const fresh = await createEvent(app, organizer.id, { startsAt: new Date('2030-06-01T00:00:00Z') });
    const again = await app.api('GET', '/events?limit=100', { token });
    expect(again.body.events.map((event: { id: string }) => event.id)).toContain(fresh.id);
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'offset=-1'])('rejects ?%s with 400', async (query) => {
    const { token } = await createUser(app);
    const res = await app.api('GET', `/events?${query}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /events/:id', () => {
  it('shows a published event to anyone signed in', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const res = await app.api('GET', `/events/${event.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.event).toMatchObject({ id: event.id, status: 'PUBLISHED' });
  });

  it('shows a draft to its owner and to an admin, and is 404 for anyone else', async () => {
    const { event, owner } = await createOwnedEvent(app, { status: 'DRAFT' });
    const admin = await createUser(app, { role: 'ADMIN' });
    const stranger = await createUser(app, { role: 'ORGANIZER' });
    expect((await app.api('GET', `/events/${event.id}`, { token: owner.token })).status).toBe(200);
    expect((await app.api('GET', `/events/${event.id}`, { token: admin.token })).status).toBe(200);
    const res = await app.api('GET', `/events/${event.id}`, { token: stranger.token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('is 404 for a missing or soft-deleted event, 400 for a malformed id', async () => {
    const { event, owner } = await createOwnedEvent(app, { deleted: true });
    expect((await app.api('GET', `/events/${event.id}`, { token: owner.token })).status).toBe(404);
    expect((await app.api('GET', `/events/${missingId()}`, { token: owner.token })).body.error.code).toBe('NOT_FOUND');
    expect((await app.api('GET', '/events/not-a-uuid', { token: owner.token })).status).toBe(400);
  });
});

describe('GET /events/:id/presence', () => {
  it('answers online: null and degraded: true when Redis is unavailable', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const res = await app.api('GET', `/events/${event.id}/presence`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ eventId: event.id, online: null, degraded: true });
  });

  it('is 404 for a missing event', async () => {
    const { token } = await createUser(app);
    expect((await app.api('GET', `/events/${missingId()}/presence`, { token })).status).toBe(404);
  });
});

describe('POST /events', () => {
  it('creates a DRAFT for the owner of an APPROVED organizer, with its venue and artists', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const venue = await createVenue(app);
    const artist = await createArtist(app);
    const res = await app.api('POST', '/events', {
      token: owner.token,
      body: {
        organizerId: organizer.id,
        title: 'Opening night',
        startsAt: inTwoDays(),
        venueId: venue.id,
        artistIds: [artist.id, artist.id],
        capacity: 300,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({
      organizerId: organizer.id,
      title: 'Opening night',
      status: 'DRAFT',
      venueId: venue.id,
      capacity: 300,
    });
    const row = await app.prisma.event.findUniqueOrThrow({
      where: { id: res.body.event.id },
      include: { artists: true },
    });
    expect(row.artists.map((link) => link.artistId)).toEqual([artist.id]);
  });

  it('lets an admin create for any organizer', async () => {
    const { organizer } = await createOrganizer(app);
    const admin = await createUser(app, { role: 'ADMIN' });
    const res = await app.api('POST', '/events', {
      token: admin.token,
      body: { organizerId: organizer.id, title: 'By admin', startsAt: inTwoDays() },
    });
    expect(res.status).toBe(201);
  });

  it('is 403 for a non-owner and for an organizer that is not APPROVED', async () => {
    const { organizer } = await createOrganizer(app);
    const stranger = await createUser(app, { role: 'ORGANIZER' });
    const body = { organizerId: organizer.id, title: 'Not mine', startsAt: inTwoDays() };
    expect((await app.api('POST', '/events', { token: stranger.token, body })).status).toBe(403);

    const pending = await createOrganizer(app, { status: 'PENDING' });
    const res = await app.api('POST', '/events', {
      token: pending.owner.token,
      body: { ...body, organizerId: pending.organizer.id },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await app.prisma.event.count({ where: { organizerId: { in: [organizer.id, pending.organizer.id] } } })).toBe(
      0,
    );
  });

  it('is 404 for a missing or soft-deleted organizer, venue or artist', async () => {
    const deleted = await createOrganizer(app, { deleted: true });
    const { organizer, owner } = await createOrganizer(app);
    const gone = await createVenue(app, { deleted: true });
    const goneArtist = await createArtist(app, { deleted: true });
    const base = { title: 'Ghost', startsAt: inTwoDays() };
    for (const body of [
      { ...base, organizerId: missingId() },
      { ...base, organizerId: deleted.organizer.id },
      { ...base, organizerId: organizer.id, venueId: gone.id },
      { ...base, organizerId: organizer.id, artistIds: [goneArtist.id] },
      { ...base, organizerId: organizer.id, artistIds: [missingId()] },
    ]) {
      const res = await app.api('POST', '/events', {
        token: body.organizerId === deleted.organizer.id ? deleted.owner.token : owner.token,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it.each([
    ['no title', { title: undefined }],
    ['an empty title', { title: '' }],
    ['a date that is not ISO', { startsAt: 'tomorrow' }],
    ['a malformed organizerId', { organizerId: 'abc' }],
    ['a malformed artist id', { artistIds: ['abc'] }],
    ['a negative capacity', { capacity: -1 }],
    ['an unknown field', { status: 'PUBLISHED' }],
  ])('rejects %s with 400', async (_name, patch) => {
    const { organizer, owner } = await createOrganizer(app);
    const body = { organizerId: organizer.id, title: 'Valid', startsAt: inTwoDays(), ...patch };
    const res = await app.api('POST', '/events', { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/events'],
    ['POST', '/events'],
    ['GET', `/events/${missingId()}`],
    ['PATCH', `/events/${missingId()}`],
    ['DELETE', `/events/${missingId()}`],
    ['POST', `/events/${missingId()}/publish`],
    ['POST', `/events/${missingId()}/unpublish`],
    ['GET', `/events/${missingId()}/presence`],
  ])('%s %s answers 401 without a token', async (method, path) => {
    const res = await app.api(method, path, { body: method === 'GET' ? undefined : {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });
});
