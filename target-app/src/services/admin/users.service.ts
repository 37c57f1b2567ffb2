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
   * A changed phone number is no longer verified. Setting the role revokes the user's tokens (they
   * carry the old role): the user's next request is a 401, and the next login gets the new role.
   */
  async updateUser(userId: string, input: AdminUserUpdate) {
    const revokes = input.role !== undefined;
    const data = {
      ...input,
      ...(input.phone !== undefined ? { phoneVerifiedAt: null } : {}),
      ...(revokes ? { tokenVersion: { increment: 1 } } : {}),
    };
    const user = await this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({ where: { id: userId, deletedAt: null }, data, select: adminUserSelect }),
    );
    if (revokes) await this.ctx.revocation.changed(userId);
    return user;
  }

  /** Revokes the user's tokens; a restore does not bring them back (the user signs in again). */
  async softDeleteUser(userId: string): Promise<void> {
    await this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: null },
        data: { deletedAt: new Date(), tokenVersion: { increment: 1 } },
        select: { id: true },
      }),
    );
    await this.ctx.revocation.changed(userId);
  }

  /** Only a deleted user can be restored: a live or missing one is a 404. */
  async restoreUser(userId: string) {
    const user = await this.ctx.records.mustExist('deleted user', userId, () =>
      this.ctx.prisma.user.update({
        where: { id: userId, deletedAt: { not: null } },
        data: { deletedAt: null },
        select: adminUserSelect,
      }),
    );
    await this.ctx.revocation.changed(userId);
    return user;
  }

  /** The same write as the organizers' own admin update, so there is one rule for it. */
  async updateOrganizer(organizerId: string, input: AdminOrganizerUpdate) {
    return this.organizers.adminUpdate(organizerId, input);
  }
}
