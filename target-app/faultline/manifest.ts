// The reference app's seed manifest: the ids its request templates draw from, grouped by what they
// need. A run that seeded the database has it from the seeding script; one against a database
// seeded before (an external stack, staging) reads it back here, seeding first when it holds none.
import pg from 'pg';
import { seedDatabase } from '../scripts/seed.ts';

const LIMIT = 500;

export async function ensureSeedManifest(databaseUrl: string, seed: number): Promise<SeedManifest> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const seeded = await client.query(`SELECT 1 FROM users WHERE email LIKE 'seed-%@faultline.test' LIMIT 1`);
    if (seeded.rowCount === 0) {
      await client.end();
      return await seedDatabase(databaseUrl, { seed });
    }
    const ids = async (sql: string): Promise<string[]> =>
      (await client.query<{ id: string }>(`${sql} LIMIT ${LIMIT}`)).rows.map((row) => row.id);
    const users = (
      await client.query<{ id: string; role: 'USER' | 'ORGANIZER' | 'ADMIN' }>(
        `SELECT id, role FROM users WHERE "deletedAt" IS NULL AND email LIKE 'seed-%' ORDER BY email LIMIT ${LIMIT}`,
      )
    ).rows;
    const organizers = (
      await client.query<{ id: string; ownerId: string }>(
        `SELECT id, "ownerId" FROM organizers WHERE "deletedAt" IS NULL AND status = 'APPROVED' LIMIT ${LIMIT}`,
      )
    ).rows;
    return {
      users,
      deletedUserIds: await ids(`SELECT id FROM users WHERE "deletedAt" IS NOT NULL`),
      organizers,
      deletedOrganizerIds: await ids(`SELECT id FROM organizers WHERE "deletedAt" IS NOT NULL`),
      publishedEventIds: await ids(`SELECT id FROM events WHERE "deletedAt" IS NULL AND status = 'PUBLISHED'`),
      draftEventIds: await ids(`SELECT id FROM events WHERE "deletedAt" IS NULL AND status = 'DRAFT'`),
      deletedEventIds: await ids(`SELECT id FROM events WHERE "deletedAt" IS NOT NULL`),
      artistIds: await ids(`SELECT id FROM artists WHERE "deletedAt" IS NULL`),
      deletedArtistIds: await ids(`SELECT id FROM artists WHERE "deletedAt" IS NOT NULL`),
      venueIds: await ids(`SELECT id FROM venues WHERE "deletedAt" IS NULL`),
      deletedVenueIds: await ids(`SELECT id FROM venues WHERE "deletedAt" IS NOT NULL`),
      ticketIds: await ids(`SELECT id FROM tickets`),
      messageIds: await ids(`SELECT id FROM chat_messages WHERE "deletedAt" IS NULL`),
      deletedMessageIds: await ids(`SELECT id FROM chat_messages WHERE "deletedAt" IS NOT NULL`),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Ids of seeded rows, grouped by what a load profile needs. */
export interface SeedManifest {
  users: { id: string; role: 'USER' | 'ORGANIZER' | 'ADMIN' }[];
  deletedUserIds: string[];
  organizers: { id: string; ownerId: string }[];
  deletedOrganizerIds: string[];
  publishedEventIds: string[];
  draftEventIds: string[];
  deletedEventIds: string[];
  artistIds: string[];
  deletedArtistIds: string[];
  venueIds: string[];
  deletedVenueIds: string[];
  ticketIds: string[];
  messageIds: string[];
  deletedMessageIds: string[];
}
