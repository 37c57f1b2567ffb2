// Test fixtures for the events side of the domain (organizers, events, artists, venues, tickets,
// chat messages), written straight to the database so that a test states only what it cares about.
import { randomUUID } from 'node:crypto';
import type { EventStatus, OrganizerStatus, TicketStatus } from '../src/generated/prisma/enums.ts';
import { createUser, type TestApp } from './support.ts';

type TestUser = Awaited<ReturnType<typeof createUser>>;

const deletedAt = (deleted: boolean | undefined): Date | null => (deleted ? new Date() : null);

/** An organizer owned by `owner` (or by a new ORGANIZER user); APPROVED unless told otherwise. */
export async function createOrganizer(
  app: TestApp,
  options: { owner?: TestUser; status?: OrganizerStatus; deleted?: boolean } = {},
) {
  const owner = options.owner ?? (await createUser(app, { role: 'ORGANIZER' }));
  const organizer = await app.prisma.organizer.create({
    data: {
      ownerId: owner.user.id,
      name: 'Test Organizer',
      status: options.status ?? 'APPROVED',
      deletedAt: deletedAt(options.deleted),
    },
  });
  return { organizer, owner };
}

/** An event of `organizerId`; PUBLISHED unless told otherwise. */
export async function createEvent(
  app: TestApp,
  organizerId: string,
  options: { status?: EventStatus; deleted?: boolean; title?: string; startsAt?: Date; venueId?: string } = {},
) {
  const status = options.status ?? 'PUBLISHED';
  return app.prisma.event.create({
    data: {
      organizerId,
      title: options.title ?? 'Test Event',
      startsAt: options.startsAt ?? new Date(Date.now() + 7 * 24 * 3_600_000),
      status,
      publishedAt: status === 'PUBLISHED' ? new Date() : null,
      venueId: options.venueId,
      deletedAt: deletedAt(options.deleted),
    },
  });
}

/** An organizer (with its owner) and one event of it: the usual starting point. */
export async function createOwnedEvent(app: TestApp, options: { status?: EventStatus; deleted?: boolean } = {}) {
  const { organizer, owner } = await createOrganizer(app);
  const event = await createEvent(app, organizer.id, options);
  return { event, organizer, owner };
}

export async function createArtist(app: TestApp, options: { name?: string; deleted?: boolean } = {}) {
  return app.prisma.artist.create({
    data: { name: options.name ?? 'Test Artist', genre: 'jazz', deletedAt: deletedAt(options.deleted) },
  });
}

export async function createVenue(app: TestApp, options: { name?: string; deleted?: boolean } = {}) {
  return app.prisma.venue.create({
    data: { name: options.name ?? 'Test Venue', city: 'Lisbon', capacity: 500, deletedAt: deletedAt(options.deleted) },
  });
}

export async function createTicket(
  app: TestApp,
  eventId: string,
  holderId: string,
  options: { status?: TicketStatus; clientKey?: string } = {},
) {
  return app.prisma.ticket.create({
    data: {
      eventId,
      holderId,
      clientKey: options.clientKey ?? `key-${randomUUID()}`,
      status: options.status ?? 'RESERVED',
    },
  });
}

export async function createMessage(
  app: TestApp,
  eventId: string,
  authorId: string,
  options: { body?: string; deleted?: boolean } = {},
) {
  return app.prisma.chatMessage.create({
    data: { eventId, authorId, body: options.body ?? 'hello', deletedAt: deletedAt(options.deleted) },
  });
}
