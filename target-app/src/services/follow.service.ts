// Follows: a user follows a live organizer. Following is idempotent without a check-then-insert
// race: the insert goes first and the unique (userId, organizerId) constraint decides; a P2002
// means "already following" and the existing follow is returned. Unfollowing deletes by that
// compound key, so "not following" is P2025 → 404.
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { prismaCode } from '../lib/error-mapping.ts';
import type { ServiceContext } from './context.ts';
import { organizerSelect, type Page } from './organizer.service.ts';

const followSelect = { id: true, userId: true, organizerId: true, createdAt: true } as const;

export class FollowService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Both sides are connected with `deletedAt: null`, so a missing or deleted organizer (or a
   * deleted caller) is P2025 → 404, checked by the same statement that inserts.
   */
  async follow(userId: string, organizerId: string) {
    const { prisma } = this.ctx;
    try {
      const follow = await this.ctx.records.createUnder('organizer', organizerId, () =>
        prisma.follow.create({
          data: {
            user: { connect: { id: userId, deletedAt: null } },
            organizer: { connect: { id: organizerId, deletedAt: null } },
          },
          select: followSelect,
        }),
      );
      return { follow, created: true };
    } catch (error) {
      if (prismaCode(error) !== 'P2002') throw error;
    }
    const existing = await prisma.follow.findUnique({
      where: { userId_organizerId: { userId, organizerId } },
      select: followSelect,
    });
    // Unfollowed between our insert and this read: rare, and the client's retry settles it.
    if (existing === null) throw new ConflictError('the follow changed concurrently; retry');
    return { follow: existing, created: false };
  }

  async unfollow(userId: string, organizerId: string): Promise<void> {
    await this.ctx.records.mustExist('follow of organizer', organizerId, () =>
      this.ctx.prisma.follow.delete({ where: { userId_organizerId: { userId, organizerId } }, select: { id: true } }),
    );
  }

  /** The caller's follows of organizers that still exist, newest first. */
  async listForUser(userId: string, page: Page) {
    const where = { userId, organizer: { deletedAt: null } };
    const [follows, total] = await this.ctx.prisma.$transaction([
      this.ctx.prisma.follow.findMany({
        where,
        select: { ...followSelect, organizer: { select: organizerSelect } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.ctx.prisma.follow.count({ where }),
    ]);
    return { follows, total };
  }

  /** Followers who still have an account; one query. */
  async followerCount(organizerId: string): Promise<number> {
    const organizer = await this.ctx.prisma.organizer.findFirst({
      where: { id: organizerId, deletedAt: null },
      select: { _count: { select: { followers: { where: { user: { deletedAt: null } } } } } },
    });
    if (organizer === null) throw new NotFoundError('organizer', organizerId);
    return organizer._count.followers;
  }
}
