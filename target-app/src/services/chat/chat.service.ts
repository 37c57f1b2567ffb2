// Event chat: reading the live messages of an event and posting to a published one. Posting
// persists first and then broadcasts, over HTTP and Socket.IO alike, so no one sees a message the
// database does not have.
import { NotFoundError } from '../../lib/errors.ts';
import type { TokenClaims } from '../../lib/auth.ts';
import { LIVE_EVENT } from '../event.service.ts';
import { canManage } from '../ownership.ts';
import type { ChatMessagePayload } from '../../socket/chat-broadcaster.ts';
import type { ServiceContext } from '../context.ts';

const messageSelect = { id: true, eventId: true, authorId: true, body: true, createdAt: true } as const;

export class ChatService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Live messages of a live event, newest first. A draft's chat is as hidden as the draft: 404 for
   * anyone but its owner and admins, like GET /events/:id.
   */
  async list(viewer: TokenClaims, eventId: string, limit: number, offset: number) {
    const event = await this.ctx.prisma.event.findFirst({
      where: { ...LIVE_EVENT, id: eventId },
      select: { status: true, organizer: { select: { ownerId: true } } },
    });
    if (event === null || (event.status !== 'PUBLISHED' && !canManage(viewer, event.organizer.ownerId)))
      throw new NotFoundError('event', eventId);
    return this.ctx.prisma.chatMessage.findMany({
      where: { eventId, deletedAt: null },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      skip: offset,
      select: messageSelect,
    });
  }

  /** Only a live, published event has an open chat. */
  async assertOpen(eventId: string): Promise<void> {
    await this.ctx.records.parent('event', eventId, () =>
      this.ctx.prisma.event.findFirst({
        where: { ...LIVE_EVENT, id: eventId, status: 'PUBLISHED' },
        select: { id: true },
      }),
    );
  }

  async send(author: TokenClaims, eventId: string, body: string): Promise<ChatMessagePayload> {
    await this.assertOpen(eventId);
    // The author is connected live: a deleted user's still-valid token posts nothing (404).
    const message = await this.ctx.records.createUnder('user', author.userId, () =>
      this.ctx.prisma.chatMessage.create({
        data: {
          body,
          event: { connect: { id: eventId } },
          author: { connect: { id: author.userId, deletedAt: null } },
        },
        select: messageSelect,
      }),
    );
    const payload: ChatMessagePayload = { ...message, createdAt: message.createdAt.toISOString() };
    this.ctx.chat.messageCreated(payload);
    return payload;
  }
}
