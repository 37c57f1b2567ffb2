// Reads the ids a load profile needs straight from a database the harness did not seed itself
// (the external provider: docker-compose, staging). Seeds it first when it holds no seed data.
import pg from 'pg';
import { seedDatabase } from '../../target-app/scripts/seed.ts';
import type { SeedManifest } from './types.ts';

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
