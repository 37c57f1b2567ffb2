// The seeding script: the sizes it promises, deterministic from its seed, and a manifest whose ids
// are what it says (live ones live, deleted ones soft-deleted).
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../harness/testing/database.ts';
import { seedDatabase } from './seed.ts';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase('seed'), createTestDatabase('seed')]);
});
afterAll(async () => {
  await Promise.all([a?.drop(), b?.drop()]);
});

it('seeds a deterministic data set of the chosen size', async () => {
  const first = await seedDatabase(a.url, { scale: 2, seed: 7 });
  const second = await seedDatabase(b.url, { scale: 2, seed: 7 });
  expect(second).toEqual(first);
  expect(first.users.length + first.deletedUserIds.length).toBe(100);
  expect(first.publishedEventIds.length).toBeGreaterThan(0);

  const client = new pg.Client({ connectionString: a.url });
  await client.connect();
  try {
    const count = async (sql: string, params: unknown[]): Promise<number> =>
      Number((await client.query(sql, params)).rows[0].count);
    expect(
      await count('SELECT count(*) FROM users WHERE id = ANY($1::uuid[]) AND "deletedAt" IS NOT NULL', [
        first.deletedUserIds,
      ]),
    ).toBe(first.deletedUserIds.length);
    expect(
      await count('SELECT count(*) FROM users WHERE id = ANY($1::uuid[]) AND "deletedAt" IS NULL', [
        first.users.map((u) => u.id),
      ]),
    ).toBe(first.users.length);
    expect(
      await count(
        `SELECT count(*) FROM events WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED' AND "deletedAt" IS NULL`,
        [first.publishedEventIds],
      ),
    ).toBe(first.publishedEventIds.length);
    expect(
      await count('SELECT count(*) FROM artists WHERE id = ANY($1::uuid[]) AND "deletedAt" IS NOT NULL', [
        first.deletedArtistIds,
      ]),
    ).toBe(first.deletedArtistIds.length);
    expect(await count('SELECT count(*) FROM tickets', [])).toBe(100);
  } finally {
    await client.end();
  }
});
