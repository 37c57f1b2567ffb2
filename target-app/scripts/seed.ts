// Fills a migrated database with a realistic, deterministic data set of a chosen size, and returns
// the ids a load generator needs (live ones, and soft-deleted ones for the P2025 probes).
// `tsx target-app/scripts/seed.ts [scale] [seed]` seeds $DATABASE_URL and prints the manifest.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createRng } from '../../harness/lib/random.ts';
import type { SeedManifest } from '../faultline/manifest.ts';
import { hashPassword } from '../src/lib/auth.ts';

/** Every seeded user's password. */
export const SEED_PASSWORD = 'faultline-password';

export interface SeedOptions {
  /** 1 ≈ 50 users, 20 events, 50 tickets; everything scales linearly. */
  scale?: number;
  seed?: number;
}

const CITIES = ['Lisbon', 'Berlin', 'Austin', 'Osaka', 'Nairobi', 'Montreal', 'Melbourne', 'Bogotá'];
const GENRES = ['jazz', 'techno', 'folk', 'metal', 'hip-hop', 'classical', 'indie', 'salsa'];
const WORDS = ['Midnight', 'Echo', 'Harbor', 'Neon', 'Summer', 'Velvet', 'Granite', 'Signal', 'Orbit', 'Lantern'];

function uuidFrom(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rng() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Multi-row INSERT in batches; `rows` are arrays in `columns` order. */
async function insert(client: pg.ClientBase, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await client.query(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(', ')}`, params);
  }
}

export async function seedDatabase(databaseUrl: string, options: SeedOptions = {}): Promise<SeedManifest> {
  const scale = Math.max(1, Math.round(options.scale ?? 1));
  // Its own stream of the seed: the load generator draws "never-existing" ids from createRng(seed),
  // and the same stream here would make some of those ids exist.
  const rng = createRng(((options.seed ?? 1) ^ 0x5eed_da7a) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const name = (): string => `${pick(WORDS)} ${pick(WORDS)}`;
  const now = Date.now();
  const at = (offsetDays: number): Date => new Date(now + offsetDays * 86_400_000);
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const manifest: SeedManifest = {
    users: [],
    deletedUserIds: [],
    organizers: [],
    deletedOrganizerIds: [],
    publishedEventIds: [],
    draftEventIds: [],
    deletedEventIds: [],
    artistIds: [],
    deletedArtistIds: [],
    venueIds: [],
    deletedVenueIds: [],
    ticketIds: [],
    messageIds: [],
    deletedMessageIds: [],
  };

  const users: unknown[][] = [];
  const userCount = 50 * scale;
  for (let i = 0; i < userCount; i += 1) {
    const id = uuidFrom(rng);
    const role = i < 2 * scale ? 'ADMIN' : i < 8 * scale ? 'ORGANIZER' : 'USER';
    const deleted = role === 'USER' && i % 10 === 9;
    users.push([
      id,
      `seed-${i}@faultline.test`,
      passwordHash,
      `Seed User ${i}`,
      role,
      deleted ? at(-1) : null,
      at(-30),
      at(0),
    ]);
    if (deleted) manifest.deletedUserIds.push(id);
    else manifest.users.push({ id, role });
  }
  const organizerOwners = manifest.users.filter((user) => user.role === 'ORGANIZER');
  const organizers: unknown[][] = [];
  for (let i = 0; i < 5 * scale; i += 1) {
    const id = uuidFrom(rng);
    const owner = organizerOwners[i % organizerOwners.length]!;
    const deleted = i % 5 === 4;
    organizers.push([id, owner.id, `${name()} Presents`, 'APPROVED', deleted ? at(-1) : null, at(-30), at(0)]);
    if (deleted) manifest.deletedOrganizerIds.push(id);
    else manifest.organizers.push({ id, ownerId: owner.id });
  }
  const venues: unknown[][] = [];
  for (let i = 0; i < 5 * scale; i += 1) {
    const id = uuidFrom(rng);
    const deleted = i % 5 === 4;
    venues.push([
      id,
      `${name()} Hall`,
      pick(CITIES),
      100 + Math.floor(rng() * 5_000),
      deleted ? at(-1) : null,
      at(-30),
      at(0),
    ]);
    (deleted ? manifest.deletedVenueIds : manifest.venueIds).push(id);
  }
  const artists: unknown[][] = [];
  for (let i = 0; i < 10 * scale; i += 1) {
    const id = uuidFrom(rng);
    const deleted = i % 10 === 9;
    artists.push([id, `${name()}`, pick(GENRES), deleted ? at(-1) : null, at(-30), at(0)]);
    (deleted ? manifest.deletedArtistIds : manifest.artistIds).push(id);
  }
  const events: unknown[][] = [];
  const eventArtists: unknown[][] = [];
  for (let i = 0; i < 20 * scale; i += 1) {
    const id = uuidFrom(rng);
    const organizer = manifest.organizers[i % manifest.organizers.length]!;
    const kind = i % 10 === 9 ? 'deleted' : i % 10 === 8 ? 'draft' : 'published';
    events.push([
      id,
      organizer.id,
      pick(manifest.venueIds),
      `${name()} Night`,
      at(1 + (i % 60)),
      kind === 'draft' ? 'DRAFT' : 'PUBLISHED',
      kind === 'draft' ? null : at(-2),
      kind === 'deleted' ? at(-1) : null,
      at(-10),
      at(0),
    ]);
    eventArtists.push([id, manifest.artistIds[i % manifest.artistIds.length]]);
    ({ deleted: manifest.deletedEventIds, draft: manifest.draftEventIds, published: manifest.publishedEventIds })[
      kind
    ].push(id);
  }
  const tickets: unknown[][] = [];
  for (let i = 0; i < 50 * scale; i += 1) {
    const id = uuidFrom(rng);
    tickets.push([
      id,
      `seed-ticket-${i}`,
      pick(manifest.publishedEventIds),
      pick(manifest.users).id,
      i % 3 === 0 ? 'CONFIRMED' : 'RESERVED',
      at(-5),
      at(0),
    ]);
    manifest.ticketIds.push(id);
  }
  const messages: unknown[][] = [];
  for (let i = 0; i < 50 * scale; i += 1) {
    const id = uuidFrom(rng);
    const deleted = i % 10 === 9;
    messages.push([
      id,
      pick(manifest.publishedEventIds),
      pick(manifest.users).id,
      `Message ${i}: see you at the show`,
      at(-1),
      deleted ? at(0) : null,
    ]);
    (deleted ? manifest.deletedMessageIds : manifest.messageIds).push(id);
  }
  const follows: unknown[][] = [];
  const followed = new Set<string>();
  for (let i = 0; i < 50 * scale; i += 1) {
    const user = pick(manifest.users).id;
    const organizer = pick(manifest.organizers).id;
    if (followed.has(`${user}:${organizer}`)) continue;
    followed.add(`${user}:${organizer}`);
    follows.push([uuidFrom(rng), user, organizer]);
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await insert(
      client,
      'users',
      ['id', 'email', 'passwordHash', 'name', 'role', 'deletedAt', 'createdAt', 'updatedAt'],
      users,
    );
    await insert(
      client,
      'user_preferences',
      ['userId', 'updatedAt'],
      users.map((row) => [row[0], at(0)]),
    );
    await insert(
      client,
      'organizers',
      ['id', 'ownerId', 'name', 'status', 'deletedAt', 'createdAt', 'updatedAt'],
      organizers,
    );
    await insert(client, 'venues', ['id', 'name', 'city', 'capacity', 'deletedAt', 'createdAt', 'updatedAt'], venues);
    await insert(client, 'artists', ['id', 'name', 'genre', 'deletedAt', 'createdAt', 'updatedAt'], artists);
    await insert(
      client,
      'events',
      [
        'id',
        'organizerId',
        'venueId',
        'title',
        'startsAt',
        'status',
        'publishedAt',
        'deletedAt',
        'createdAt',
        'updatedAt',
      ],
      events,
    );
    await insert(client, 'event_artists', ['eventId', 'artistId'], eventArtists);
    await insert(
      client,
      'tickets',
      ['id', 'clientKey', 'eventId', 'holderId', 'status', 'createdAt', 'updatedAt'],
      tickets,
    );
    await insert(client, 'chat_messages', ['id', 'eventId', 'authorId', 'body', 'createdAt', 'deletedAt'], messages);
    await insert(client, 'follows', ['id', 'userId', 'organizerId'], follows);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return manifest;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  const scale = Number(process.argv[2] ?? 1);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(scale) || scale < 1 || !Number.isInteger(seed)) {
    console.error('usage: seed.ts [scale: integer ≥ 1] [seed: integer]');
    process.exit(2);
  }
  seedDatabase(url, { scale, seed }).then(
    (manifest) => console.log(JSON.stringify(manifest, null, 2)),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
