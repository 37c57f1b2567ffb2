// Admin user management: list (optionally with deleted users), edit, soft delete and restore users,
// and edit organizers. Every write is one statement with the P2025 pattern: the `where` says which
// state the row must be in (live for edits and deletes, deleted for restores), so a row that is
// missing or in the wrong state is a 404 — never a 500, never a double delete.
import type { OrganizerStatus, Role } from '../../generated/prisma/enums.ts';
import type { ServiceContext } from '../context.ts';
import { OrganizerService, type Page } from '../organizer.service.ts';
import { publicUserSelect } from '../user.service.ts';

const adminUserSelect = { ...publicUserSelect, deletedAt: true } as const;

export interface AdminUserUpdate {
  name?: string;
  role?: Role;
  phone?: string | null;
}

export interface AdminOrganizerUpdate {
  name?: string;
  status?: OrganizerStatus;
}

export class AdminUsersService {
  private readonly organizers: OrganizerService;

  constructor(private readonly ctx: ServiceContext) {
    this.organizers = new OrganizerService(ctx);
  }

  async list(page: Page & { includeDeleted: boolean }) {
    const where = page.includeDeleted ? {} : { deletedAt: null };
    const [users, total] = await this.ctx.prisma.$transaction([
      this.ctx.prisma.user.findMany({
        where,
        select: adminUserSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.ctx.prisma.user.count({ where }),
    ]);
    return { users, total };
  }

  /**
   * A changed phone number is no longer verified. A changed role takes effect with the user's next
   * token: tokens are stateless and carry the role they were issued with.
   */
  async updateUser(userId: string, input: AdminUserUpdate) {
    const data = { ...input, ...(input.phone !== undefined ? { phoneVerifiedAt: null } : {}) };
    return this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({ where: { id: userId, deletedAt: null }, data, select: adminUserSelect }),
    );
  }

  async softDeleteUser(userId: string): Promise<void> {
    await this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: null },
        data: { deletedAt: new Date() },
        select: { id: true },
      }),
    );
  }

  /** Only a deleted user can be restored: a live or missing one is a 404. */
  async restoreUser(userId: string) {
    return this.ctx.records.mustExist('deleted user', userId, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: { not: null } },
        data: { deletedAt: null },
        select: adminUserSelect,
      }),
    );
  }

  /** The same write as the organizers' own admin update, so there is one rule for it. */
  async updateOrganizer(organizerId: string, input: AdminOrganizerUpdate) {
    return this.organizers.adminUpdate(organizerId, input);
  }
}
