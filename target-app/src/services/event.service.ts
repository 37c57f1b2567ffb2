// Events: the published listing (read through a short-lived Redis cache that degrades to the
// database), one event, presence, and the owner's writes. Every write is one atomic update whose
// `where` requires `deletedAt: null` and — for a non-admin — the caller's ownership, so a missing or
// soft-deleted event raises P2025 (404); a follow-up read tells "not yours" (403) from "gone" (404).
// An event lives only while its organizer does: a soft-deleted organizer's events are gone too
// (not listed, not readable, not writable, not ticketable — LIVE_EVENT says so in one place).
import { presenceKey } from '../socket/presence.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { TokenClaims } from '../lib/auth.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';
import { assertCanManage, canManage } from './ownership.ts';

export const LISTING_CACHE_PREFIX = 'events:list:';
export const LISTING_CACHE_TTL_SEC = 10;

export { presenceKey };

/** An event that is not deleted and whose organizer is not deleted. */
export const LIVE_EVENT = { deletedAt: null, organizer: { deletedAt: null } } satisfies Prisma.EventWhereInput;

export const eventSelect = {
  id: true,
  organizerId: true,
  venueId: true,
  title: true,
  description: true,
  startsAt: true,
  status: true,
  publishedAt: true,
  capacity: true,
  createdAt: true,
  updatedAt: true,
  venue: { select: { id: true, name: true, city: true } },
  artists: { select: { artist: { select: { id: true, name: true } } } },
} satisfies Prisma.EventSelect;

export interface CreateEventInput {
  organizerId: string;
  title: string;
  startsAt: Date;
  description?: string;
  venueId?: string;
  artistIds?: string[];
  capacity?: number;
}

export interface UpdateEventInput {
  title?: string;
  startsAt?: Date;
  description?: string | null;
  venueId?: string | null;
  artistIds?: string[];
  capacity?: number | null;
}

export interface EventListing {
  /** JSON-ready: what the cache holds and the API sends (dates as ISO strings once cached). */
  events: unknown[];
  cached: boolean;
}

export interface Presence {
  eventId: string;
  online: number | null;
  degraded: boolean;
}

export class EventService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Published, live events by start time. A cache miss, or Redis being down, reads the database. */
  async list(limit: number, offset: number): Promise<EventListing> {
    const key = `${LISTING_CACHE_PREFIX}${limit}:${offset}`;
    const cached = await this.ctx.cache.getJson<unknown[]>(key);
    if (cached !== undefined) return { events: cached, cached: true };
    const events = await this.ctx.prisma.event.findMany({
      where: { ...LIVE_EVENT, status: 'PUBLISHED' },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: limit,
      skip: offset,
      select: eventSelect,
    });
    await this.ctx.cache.setJson(key, events, LISTING_CACHE_TTL_SEC);
    return { events, cached: false };
  }

  /** A published event, or a draft its owner (or an admin) is looking at; anything else is 404. */
  async get(viewer: TokenClaims, id: string) {
    const event = await this.ctx.prisma.event.findFirst({
      where: { ...LIVE_EVENT, id },
      select: { ...eventSelect, organizer: { select: { id: true, name: true, ownerId: true } } },
    });
    if (event === null || (event.status !== 'PUBLISHED' && !canManage(viewer, event.organizer.ownerId)))
      throw new NotFoundError('event', id);
    return event;
  }

  async presence(viewer: TokenClaims, id: string): Promise<Presence> {
    await this.get(viewer, id);
    const online = await this.ctx.cache.presenceCount(presenceKey(id));
    return { eventId: id, online: online ?? null, degraded: online === undefined };
  }

  /** A DRAFT event of a live, APPROVED organizer the caller owns (or any, for an admin). */
  async create(user: TokenClaims, input: CreateEventInput) {
    const organizer = await this.ctx.records.parent('organizer', input.organizerId, () =>
      this.ctx.prisma.organizer.findFirst({
        where: { id: input.organizerId, deletedAt: null },
        select: { ownerId: true, status: true },
      }),
    );
    assertCanManage(user, organizer.ownerId, 'create its events');
    if (organizer.status !== 'APPROVED')
      throw new ForbiddenError(`the organizer is ${organizer.status}; only APPROVED organizers may create events`);
    const artistIds = unique(input.artistIds);
    await this.assertReferencesLive(input.venueId, artistIds);
    const { artistIds: _ignored, ...fields } = input;
    const event = await this.ctx.prisma.event.create({
      data: {
        ...fields,
        status: 'DRAFT',
        ...(artistIds.length > 0 ? { artists: { create: artistIds.map((artistId) => ({ artistId })) } } : {}),
      },
      select: eventSelect,
    });
    await this.invalidateListings();
    return event;
  }

  async update(user: TokenClaims, id: string, input: UpdateEventInput) {
    const { artistIds, ...fields } = input;
    const artists = artistIds === undefined ? undefined : unique(artistIds);
    await this.assertReferencesLive(fields.venueId ?? undefined, artists ?? []);
    return this.writeOwned(user, id, 'update it', (where) =>
      this.ctx.prisma.event.update({
        where,
        data: {
          ...fields,
          ...(artists !== undefined
            ? { artists: { deleteMany: {}, create: artists.map((artistId) => ({ artistId })) } }
            : {}),
        },
        select: eventSelect,
      }),
    );
  }

  async softDelete(user: TokenClaims, id: string): Promise<void> {
    await this.writeOwned(user, id, 'delete it', (where) =>
      this.ctx.prisma.event.update({ where, data: { deletedAt: new Date() }, select: { id: true } }),
    );
  }

  async publish(user: TokenClaims, id: string) {
    return this.writeOwned(user, id, 'publish it', (where) =>
      this.ctx.prisma.event.update({
        where,
        data: { status: 'PUBLISHED', publishedAt: new Date() },
        select: eventSelect,
      }),
    );
  }

  async unpublish(user: TokenClaims, id: string) {
    return this.writeOwned(user, id, 'unpublish it', (where) =>
      this.ctx.prisma.event.update({ where, data: { status: 'DRAFT', publishedAt: null }, select: eventSelect }),
    );
  }

  /**
   * One write on a live event the caller may manage, then the listings are invalidated. P2025 means
   * "missing, soft-deleted or not yours": a follow-up read tells the last apart (403).
   */
  private async writeOwned<T>(
    user: TokenClaims,
    id: string,
    action: string,
    write: (where: Prisma.EventWhereUniqueInput) => Promise<T>,
  ): Promise<T> {
    const where: Prisma.EventWhereUniqueInput = {
      id,
      deletedAt: null,
      organizer: { deletedAt: null, ...(user.role === 'ADMIN' ? {} : { ownerId: user.userId }) },
    };
    try {
      const result = await this.ctx.records.mustExist('event', id, () => write(where));
      await this.invalidateListings();
      return result;
    } catch (error) {
      if (error instanceof NotFoundError) {
        const live = await this.ctx.prisma.event.findFirst({
          where: { ...LIVE_EVENT, id },
          select: { organizer: { select: { ownerId: true } } },
        });
        if (live !== null) assertCanManage(user, live.organizer.ownerId, action);
      }
      throw error;
    }
  }

  private async assertReferencesLive(venueId: string | undefined, artistIds: string[]): Promise<void> {
    if (venueId !== undefined) {
      const venue = await this.ctx.prisma.venue.findFirst({
        where: { id: venueId, deletedAt: null },
        select: { id: true },
      });
      if (venue === null) throw new NotFoundError('venue', venueId);
    }
    if (artistIds.length > 0) {
      const found = await this.ctx.prisma.artist.findMany({
        where: { id: { in: artistIds }, deletedAt: null },
        select: { id: true },
      });
      const missing = artistIds.find((artistId) => !found.some((artist) => artist.id === artistId));
      if (missing !== undefined) throw new NotFoundError('artist', missing);
    }
  }

  private async invalidateListings(): Promise<void> {
    await this.ctx.cache.deleteByPrefix(LISTING_CACHE_PREFIX);
  }
}

function unique(ids: string[] | undefined): string[] {
  return [...new Set(ids ?? [])];
}
