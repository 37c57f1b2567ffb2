// Organizers: created by any user (who becomes an ORGANIZER), edited by their owner, moderated by
// admins, soft-deleted by either. Every write to an existing organizer is one statement whose
// `where` requires `deletedAt: null` (the P2025 pattern): missing or deleted → 404, never a 500.
import type { OrganizerStatus } from '../generated/prisma/enums.ts';
import type { TokenClaims } from '../lib/auth.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';

export const organizerSelect = {
  id: true,
  ownerId: true,
  name: true,
  description: true,
  status: true,
  phone: true,
  phoneVerifiedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** What anyone may see of an organizer: no phone number, no owner. */
export const publicOrganizerSelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  phoneVerifiedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface CreateOrganizerInput {
  name: string;
  description?: string;
}

export interface SelfUpdateInput {
  name?: string;
  description?: string | null;
  phone?: string | null;
}

export interface AdminUpdateInput {
  name?: string;
  description?: string | null;
  status?: OrganizerStatus;
}

export type ApprovalStatus = Exclude<OrganizerStatus, 'PENDING'>;

export interface Page {
  limit: number;
  offset: number;
}

export class OrganizerService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * One transaction: the organizer (PENDING) and the owner's promotion to ORGANIZER (a USER only:
   * an ADMIN stays an ADMIN). The owner is connected with `deletedAt: null`, so a caller whose
   * account is gone gets P2025 → 404 and nothing is written. A promotion revokes the caller's
   * tokens (they carry the old role), so a fresh one comes back with the organizer.
   */
  async create(caller: TokenClaims, input: CreateOrganizerInput) {
    const { prisma } = this.ctx;
    const [organizer, , owner] = await this.ctx.records.createUnder('user', caller.userId, () =>
      prisma.$transaction([
        prisma.organizer.create({
          data: {
            name: input.name,
            description: input.description,
            owner: { connect: { id: caller.userId, deletedAt: null } },
          },
          select: organizerSelect,
        }),
        prisma.user.updateMany({
          where: { id: caller.userId, role: 'USER' },
          data: { role: 'ORGANIZER', tokenVersion: { increment: 1 } },
        }),
        prisma.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { role: true, tokenVersion: true } }),
      ]),
    );
    if (owner.role !== caller.role) await this.ctx.revocation.changed(caller.userId);
    return {
      organizer,
      token: await this.ctx.tokens.sign({ userId: caller.userId, role: owner.role, version: owner.tokenVersion }),
    };
  }

  /** Approved, live organizers, newest first. */
  async list(page: Page) {
    const where = { status: 'APPROVED', deletedAt: null } as const;
    const [organizers, total] = await this.ctx.prisma.$transaction([
      this.ctx.prisma.organizer.findMany({
        where,
        select: publicOrganizerSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.ctx.prisma.organizer.count({ where }),
    ]);
    return { organizers, total };
  }

  /** The public profile of an approved, live organizer; any other is 404 (as if it did not exist). */
  async get(organizerId: string) {
    const organizer = await this.ctx.prisma.organizer.findFirst({
      where: { id: organizerId, deletedAt: null, status: 'APPROVED' },
      select: publicOrganizerSelect,
    });
    if (organizer === null) throw new NotFoundError('organizer', organizerId);
    return organizer;
  }

  /**
   * The caller may act on a live organizer: its owner, or (when `admins` allows) an ADMIN.
   * A read for the 403; the write that follows still carries `deletedAt: null`, so a deletion in
   * between is a 404 rather than a write to a deleted row.
   */
  async authorize(
    caller: TokenClaims,
    organizerId: string,
    action: string,
    admins: 'admins-too' | 'owner-only' = 'admins-too',
  ): Promise<void> {
    const organizer = await this.ctx.prisma.organizer.findFirst({
      where: { id: organizerId, deletedAt: null },
      select: { ownerId: true },
    });
    if (organizer === null) throw new NotFoundError('organizer', organizerId);
    const isAdmin = admins === 'admins-too' && caller.role === 'ADMIN';
    if (organizer.ownerId !== caller.userId && !isAdmin) {
      throw new ForbiddenError(
        `only the organizer's owner${admins === 'admins-too' ? ' or an admin' : ''} may ${action}`,
      );
    }
  }

  /** Owner only (admins use adminUpdate). A changed phone number is no longer verified. */
  async selfUpdate(caller: TokenClaims, organizerId: string, input: SelfUpdateInput) {
    await this.authorize(caller, organizerId, 'update it', 'owner-only');
    return this.update(organizerId, { ...input, ...(input.phone !== undefined ? { phoneVerifiedAt: null } : {}) });
  }

  async adminUpdate(organizerId: string, input: AdminUpdateInput) {
    return this.update(organizerId, input);
  }

  async setApproval(organizerId: string, status: ApprovalStatus) {
    return this.update(organizerId, { status });
  }

  async softDelete(caller: TokenClaims, organizerId: string): Promise<void> {
    await this.authorize(caller, organizerId, 'delete it');
    await this.update(organizerId, { deletedAt: new Date() });
  }

  private update(
    organizerId: string,
    data: AdminUpdateInput & { phone?: string | null; phoneVerifiedAt?: null; deletedAt?: Date },
  ) {
    return this.ctx.records.mustExist('organizer', organizerId, () =>
      this.ctx.prisma.organizer.update({ where: { id: organizerId, deletedAt: null }, data, select: organizerSelect }),
    );
  }
}
