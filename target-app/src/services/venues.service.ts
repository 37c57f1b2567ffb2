// Venues: a catalog that admins curate and every signed-in user reads. Updates and deletes are
// single statements whose `where` requires `deletedAt: null`: missing or soft-deleted → P2025 → 404.
import { NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';

export interface CreateVenueInput {
  name: string;
  city: string;
  address?: string;
  capacity?: number;
}

export interface UpdateVenueInput {
  name?: string;
  city?: string;
  address?: string | null;
  capacity?: number | null;
}

const venueSelect = {
  id: true,
  name: true,
  city: true,
  address: true,
  capacity: true,
  createdAt: true,
  updatedAt: true,
} as const;

export class VenueService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(limit: number, offset: number) {
    return this.ctx.prisma.venue.findMany({
      where: { deletedAt: null },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: limit,
      skip: offset,
      select: venueSelect,
    });
  }

  async get(id: string) {
    const venue = await this.ctx.prisma.venue.findFirst({ where: { id, deletedAt: null }, select: venueSelect });
    if (venue === null) throw new NotFoundError('venue', id);
    return venue;
  }

  async create(input: CreateVenueInput) {
    return this.ctx.prisma.venue.create({ data: input, select: venueSelect });
  }

  async update(id: string, input: UpdateVenueInput) {
    return this.ctx.records.mustExist('venue', id, () =>
      this.ctx.prisma.venue.update({ where: { id, deletedAt: null }, data: input, select: venueSelect }),
    );
  }

  async softDelete(id: string): Promise<void> {
    await this.ctx.records.mustExist('venue', id, () =>
      this.ctx.prisma.venue.update({
        where: { id, deletedAt: null },
        data: { deletedAt: new Date() },
        select: { id: true },
      }),
    );
  }
}
