// Users: their own profile, and "last seen" — a fire-and-forget write on every authenticated
// request that must never become an unhandled rejection (a deleted user's token is a graceful skip).
import type { Logger } from '../lib/logger.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';

export const publicUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  phone: true,
  phoneVerifiedAt: true,
  lastSeen: true,
  lastLogin: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface UpdateSelfInput {
  name?: string;
  phone?: string | null;
}

export class UserService {
  constructor(private readonly ctx: ServiceContext) {}

  async getSelf(userId: string) {
    const user = await this.ctx.prisma.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: publicUserSelect,
    });
    if (user === null) throw new NotFoundError('user', userId);
    return user;
  }

  async getPublicProfile(userId: string) {
    const user = await this.ctx.prisma.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: { id: true, name: true, role: true, createdAt: true },
    });
    if (user === null) throw new NotFoundError('user', userId);
    return user;
  }

  /** P2025 (missing or soft-deleted user) → 404. A changed phone number is no longer verified. */
  async updateSelf(userId: string, input: UpdateSelfInput) {
    return this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: null },
        data: { ...input, ...(input.phone !== undefined ? { phoneVerifiedAt: null } : {}) },
        select: publicUserSelect,
      }),
    );
  }

  /** Fire-and-forget: P2025 is a logged skip, never a crash. */
  updateLastSeen(userId: string, logger: Logger): void {
    this.ctx.records.fireAndForget(logger, 'updateLastSeen', { userId }, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: null },
        data: { lastSeen: new Date() },
        select: { id: true },
      }),
    );
  }
}
