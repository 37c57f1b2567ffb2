// User preferences: one row per user, written only while the user is live. The update's `where`
// reaches through the relation (`user: { deletedAt: null }`), so a missing user, a soft-deleted
// user and a missing row all raise P2025 in the same statement that writes.
//
// Choice for a live user without a row (register always creates one; rows made some other way may
// lack it): GET answers the defaults without writing, and PATCH creates the row, connecting the
// user with `deletedAt: null` so that this fallback cannot write for a missing or deleted user
// either (P2025 → 404). An upsert does not fit: its `where` missing the row of a deleted user
// would make it try an insert and fail on the primary key (409) instead of answering 404.
import { isRecordNotFound } from '../lib/records.ts';
import { NotFoundError } from '../lib/errors.ts';
import { prismaCode } from '../lib/error-mapping.ts';
import type { ServiceContext } from './context.ts';

const preferenceSelect = {
  userId: true,
  language: true,
  emailNotifications: true,
  pushNotifications: true,
  marketingOptIn: true,
  updatedAt: true,
} as const;

/** The schema's column defaults, for a live user without a row. */
const DEFAULT_PREFERENCES = {
  language: 'en',
  emailNotifications: true,
  pushNotifications: true,
  marketingOptIn: false,
} as const;

/**
 * Another request created the row between our update and our create: the primary key says P2002,
 * or Prisma's own check that the one-to-one relation is still free says P2014. Either way the
 * update now applies.
 */
const ROW_EXISTS_CODES = new Set(['P2002', 'P2014']);

export interface PreferencesUpdate {
  language?: string;
  emailNotifications?: boolean;
  pushNotifications?: boolean;
  marketingOptIn?: boolean;
}

export class PreferencesService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(userId: string) {
    const user = await this.ctx.prisma.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: { preference: { select: preferenceSelect } },
    });
    if (user === null) throw new NotFoundError('user', userId);
    return user.preference ?? { userId, ...DEFAULT_PREFERENCES, updatedAt: null };
  }

  async update(userId: string, input: PreferencesUpdate) {
    try {
      return await this.updateRow(userId, input);
    } catch (error) {
      if (!isRecordNotFound(error)) throw error;
    }
    // No row for a live user, or no live user: the create tells which (P2025 → 404).
    try {
      return await this.ctx.records.mustExist('user', userId, () =>
        this.ctx.prisma.userPreference.create({
          data: { ...input, user: { connect: { id: userId, deletedAt: null } } },
          select: preferenceSelect,
        }),
      );
    } catch (error) {
      if (ROW_EXISTS_CODES.has(prismaCode(error) ?? ''))
        return this.ctx.records.mustExist('user', userId, () => this.updateRow(userId, input));
      throw error;
    }
  }

  private updateRow(userId: string, input: PreferencesUpdate) {
    return this.ctx.prisma.userPreference.update({
      where: { userId, user: { deletedAt: null } },
      data: input,
      select: preferenceSelect,
    });
  }
}
