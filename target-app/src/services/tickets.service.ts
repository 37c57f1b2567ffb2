// Tickets: the write path the harness uses to prove that no acknowledged write is lost. A client
// picks a `clientKey`; retrying with it is idempotent (create, and on P2002 read the existing row —
// no check-then-insert race). Status changes are single updates whose `where` holds both the
// allowed starting statuses and the caller's access; on P2025 a follow-up read tells 404 (missing)
// from 403 (not yours) from 409 (wrong status, or the event is gone).
// Capacity holds under concurrent reservations: an event with a capacity is locked (SELECT … FOR
// UPDATE) for the count and the insert, so N seats give exactly N active tickets — never
// check-then-insert.
import type { Prisma } from '../generated/prisma/client.ts';
import type { TicketStatus } from '../generated/prisma/enums.ts';
import type { TokenClaims } from '../lib/auth.ts';
import { prismaCode } from '../lib/error-mapping.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';
import { DeferredTicketWriter, type PendingTicket } from './deferred-ticket-writer.ts';
import { LIVE_EVENT } from './event.service.ts';
import { canManage } from './ownership.ts';

const ticketSelect = {
  id: true,
  clientKey: true,
  eventId: true,
  holderId: true,
  status: true,
  verifiedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;
const withOwner = { ...ticketSelect, event: { select: { organizer: { select: { ownerId: true } } } } } as const;

type Ticket = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

export interface Reservation {
  ticket: Ticket | PendingTicket;
  /** false when the same holder retried the same key for the same event. */
  created: boolean;
}

/** Who may do something to a ticket: the event's manager (owner or admin), or also its holder. */
type Access = 'manager' | 'holder-or-manager';

const ACTIVE: TicketStatus[] = ['RESERVED', 'CONFIRMED'];
/** What takes a seat: every ticket but a cancelled one. */
const SEATED: TicketStatus[] = ['RESERVED', 'CONFIRMED', 'USED'];
const TRANSACTION_OPTIONS = { maxWait: 2_000, timeout: 5_000 };

export class TicketService {
  private readonly deferred: DeferredTicketWriter | undefined;

  constructor(private readonly ctx: ServiceContext) {
    this.deferred = ctx.defects.has('ack-before-commit') ? new DeferredTicketWriter(ctx.prisma, ctx.logger) : undefined;
  }

  /**
   * 201 when created, 200 for an idempotent retry, 409 when the key belongs to another holder or
   * event, or when the event is sold out.
   */
  async reserve(user: TokenClaims, eventId: string, clientKey: string): Promise<Reservation> {
    if (this.deferred !== undefined)
      return { ticket: this.deferred.enqueue({ clientKey, eventId, holderId: user.userId }), created: true };
    const event = await this.ctx.records.parent('event', eventId, () =>
      this.ctx.prisma.event.findFirst({
        where: { ...LIVE_EVENT, id: eventId, status: 'PUBLISHED' },
        select: { capacity: true },
      }),
    );
    const data = {
      clientKey,
      event: { connect: { id: eventId } },
      holder: { connect: { id: user.userId, deletedAt: null } },
    } satisfies Prisma.TicketCreateInput;
    try {
      // The holder is connected live: a deleted user's still-valid token reserves nothing (404).
      // (Revocation refuses such a token first; this holds for the request already past the check.)
      const ticket = await this.ctx.records.createUnder('user', user.userId, () =>
        event.capacity === null
          ? this.ctx.prisma.ticket.create({ data, select: ticketSelect })
          : this.reserveSeat(eventId, data),
      );
      return { ticket, created: true };
    } catch (error) {
      if (prismaCode(error) !== 'P2002') throw error;
      const existing = await this.ctx.prisma.ticket.findUnique({ where: { clientKey }, select: ticketSelect });
      if (existing === null) throw error;
      if (existing.holderId !== user.userId || existing.eventId !== eventId)
        throw new ConflictError(`clientKey ${clientKey} is already used by another reservation`, { cause: error });
      return { ticket: existing, created: false };
    }
  }

  /**
   * The event row is locked for the count and the insert: concurrent reservations of one event queue
   * here, each sees the seats the others took. An idempotent retry of a key that already has a seat
   * is a P2002 like any other (the caller reads it back), not "sold out".
   */
  private async reserveSeat(eventId: string, data: Prisma.TicketCreateInput): Promise<Ticket> {
    return this.ctx.prisma.$transaction(async (tx) => {
      const [event] = await tx.$queryRaw<{ capacity: number | null }[]>`
        SELECT e."capacity" FROM "events" e JOIN "organizers" o ON o."id" = e."organizerId"
        WHERE e."id" = ${eventId}::uuid AND e."deletedAt" IS NULL AND e."status" = 'PUBLISHED'
          AND o."deletedAt" IS NULL
        FOR UPDATE OF e`;
      if (event === undefined) throw new NotFoundError('event', eventId);
      const existing = await tx.ticket.findUnique({ where: { clientKey: data.clientKey }, select: { id: true } });
      if (existing === null && event.capacity !== null) {
        const seated = await tx.ticket.count({ where: { eventId, status: { in: SEATED } } });
        if (seated >= event.capacity) throw new ConflictError(`event ${eventId} is sold out`);
      }
      return tx.ticket.create({ data, select: ticketSelect });
    }, TRANSACTION_OPTIONS);
  }

  async get(user: TokenClaims, id: string): Promise<Ticket> {
    return this.visible(user, id, await this.ctx.prisma.ticket.findUnique({ where: { id }, select: withOwner }));
  }

  async getByKey(user: TokenClaims, clientKey: string): Promise<Ticket> {
    return this.visible(
      user,
      clientKey,
      await this.ctx.prisma.ticket.findUnique({ where: { clientKey }, select: withOwner }),
    );
  }

  async listMine(user: TokenClaims, limit: number, offset: number): Promise<Ticket[]> {
    return this.ctx.prisma.ticket.findMany({
      where: { holderId: user.userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: limit,
      skip: offset,
      select: ticketSelect,
    });
  }

  /**
   * The holder may cancel; the event's owner or an admin may confirm or cancel. Only active tickets
   * change, and only a live event's tickets can be confirmed (a cancellation is always possible).
   */
  async updateStatus(user: TokenClaims, id: string, status: 'CONFIRMED' | 'CANCELLED'): Promise<Ticket> {
    return status === 'CANCELLED'
      ? this.transition(user, id, 'holder-or-manager', { status })
      : this.transition(user, id, 'manager', { status }, { liveEvent: true });
  }

  /** At the door: the event's owner or an admin marks an active ticket of a live event USED. */
  async verify(user: TokenClaims, id: string): Promise<Ticket> {
    return this.transition(user, id, 'manager', { status: 'USED', verifiedAt: new Date() }, { liveEvent: true });
  }

  private async transition(
    user: TokenClaims,
    id: string,
    access: Access,
    data: Prisma.TicketUpdateInput,
    options: { liveEvent?: boolean } = {},
  ): Promise<Ticket> {
    try {
      return await this.ctx.records.mustExist('ticket', id, () =>
        this.ctx.prisma.ticket.update({
          where: {
            id,
            status: { in: ACTIVE },
            AND: [accessFilter(user, access), options.liveEvent ? { event: LIVE_EVENT } : {}],
          },
          data,
          select: ticketSelect,
        }),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const current = await this.ctx.prisma.ticket.findUnique({
        where: { id },
        select: {
          ...withOwner,
          event: { select: { deletedAt: true, organizer: { select: { ownerId: true, deletedAt: true } } } },
        },
      });
      if (current === null) throw error;
      if (!allowed(user, access, current))
        throw new ForbiddenError(
          access === 'manager'
            ? "only the event's owner or an admin may do this"
            : "only the holder, the event's owner or an admin may do this",
        );
      if (options.liveEvent && (current.event.deletedAt !== null || current.event.organizer.deletedAt !== null))
        throw new ConflictError(`ticket ${id} is for an event that no longer exists`, { cause: error });
      throw new ConflictError(`ticket ${id} is ${current.status}; only ${ACTIVE.join(' or ')} tickets can change`, {
        cause: error,
      });
    }
  }

  private visible(
    user: TokenClaims,
    key: string,
    ticket: Prisma.TicketGetPayload<{ select: typeof withOwner }> | null,
  ): Ticket {
    if (ticket === null) throw new NotFoundError('ticket', key);
    if (!allowed(user, 'holder-or-manager', ticket))
      throw new ForbiddenError("only the holder, the event's owner or an admin may see this ticket");
    const { event: _event, ...rest } = ticket;
    return rest;
  }
}

function accessFilter(user: TokenClaims, access: Access): Pick<Prisma.TicketWhereInput, 'event' | 'OR'> {
  if (user.role === 'ADMIN') return {};
  const managed = { event: { organizer: { ownerId: user.userId } } };
  return access === 'manager' ? managed : { OR: [{ holderId: user.userId }, managed] };
}

function allowed(
  user: TokenClaims,
  access: Access,
  ticket: { holderId: string; event: { organizer: { ownerId: string } } },
): boolean {
  return (
    canManage(user, ticket.event.organizer.ownerId) ||
    (access === 'holder-or-manager' && ticket.holderId === user.userId)
  );
}
