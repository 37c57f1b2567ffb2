// Chat moderation: an admin, or the owner of the event's organizer, soft-deletes a message with an
// optional reason. One update whose `where` requires `deletedAt: null` (and, for a non-admin, the
// ownership): missing or already deleted → P2025 → 404; a follow-up read tells "not yours" (403).
import type { Prisma } from '../../generated/prisma/client.ts';
import type { TokenClaims } from '../../lib/auth.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { ServiceContext } from '../context.ts';
import { assertCanManage } from '../ownership.ts';

const moderatedSelect = {
  id: true,
  eventId: true,
  authorId: true,
  body: true,
  createdAt: true,
  deletedAt: true,
  deletedById: true,
  moderationReason: true,
} as const;

export class ModerationService {
  constructor(private readonly ctx: ServiceContext) {}

  async deleteMessage(moderator: TokenClaims, id: string, reason: string | undefined) {
    const where: Prisma.ChatMessageWhereUniqueInput = {
      id,
      deletedAt: null,
      ...(moderator.role === 'ADMIN' ? {} : { event: { organizer: { ownerId: moderator.userId } } }),
    };
    const message = await this.ctx.records
      .mustExist('chat message', id, () =>
        this.ctx.prisma.chatMessage.update({
          where,
          data: { deletedAt: new Date(), deletedById: moderator.userId, moderationReason: reason ?? null },
          select: moderatedSelect,
        }),
      )
      .catch((error: unknown) => this.explain(moderator, id, error));
    this.ctx.chat.messageDeleted(message.eventId, message.id, message.moderationReason);
    return message;
  }

  /** After a P2025: a live message the moderator may not touch is 403; anything else stays as it was. */
  private async explain(moderator: TokenClaims, id: string, error: unknown): Promise<never> {
    if (error instanceof NotFoundError) {
      const live = await this.ctx.prisma.chatMessage.findFirst({
        where: { id, deletedAt: null },
        select: { event: { select: { organizer: { select: { ownerId: true } } } } },
      });
      if (live !== null) assertCanManage(moderator, live.event.organizer.ownerId, 'moderate its chat');
    }
    throw error;
  }
}
