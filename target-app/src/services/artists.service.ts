// Artists: a catalog that admins curate and every signed-in user reads. Updates and deletes are
// single statements whose `where` requires `deletedAt: null`: missing or soft-deleted → P2025 → 404.
import { NotFoundError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';

export interface CreateArtistInput {
  name: string;
  genre?: string;
  bio?: string;
}

export interface UpdateArtistInput {
  name?: string;
  genre?: string | null;
  bio?: string | null;
}

const artistSelect = { id: true, name: true, genre: true, bio: true, createdAt: true, updatedAt: true } as const;

export class ArtistService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(limit: number, offset: number) {
    return this.ctx.prisma.artist.findMany({
      where: { deletedAt: null },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: limit,
      skip: offset,
      select: artistSelect,
    });
  }

  async get(id: string) {
    const artist = await this.ctx.prisma.artist.findFirst({ where: { id, deletedAt: null }, select: artistSelect });
    if (artist === null) throw new NotFoundError('artist', id);
    return artist;
  }

  async create(input: CreateArtistInput) {
    return this.ctx.prisma.artist.create({ data: input, select: artistSelect });
  }

  async update(id: string, input: UpdateArtistInput) {
    return this.ctx.records.mustExist('artist', id, () =>
      this.ctx.prisma.artist.update({ where: { id, deletedAt: null }, data: input, select: artistSelect }),
    );
  }

  async softDelete(id: string): Promise<void> {
    await this.ctx.records.mustExist('artist', id, () =>
      this.ctx.prisma.artist.update({
        where: { id, deletedAt: null },
        data: { deletedAt: new Date() },
        select: { id: true },
      }),
    );
  }
}
