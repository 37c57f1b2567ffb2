// dbLockTable against real PostgreSQL: while the window holds, a query on the locked table waits
// (and so outlives a statement timeout) while a query on another table is served; once reverted,
// the table answers again. A table that is not there is a fault that could not be applied.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StartedEnvironment } from '../environment/types.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { faultAction } from './registry.ts';
import { FaultError } from './types.ts';

let db: TestDatabase;
let app: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase('db_lock_table');
  // The app's own session, with a statement timeout as the reference app sets one.
  app = new pg.Client({ connectionString: db.url, statement_timeout: 500 });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await db?.drop();
});

const lock = faultAction('dbLockTable');
const env = () => ({ databaseUrl: db.url }) as unknown as StartedEnvironment;
const outcome = (sql: string): Promise<string> =>
  app.query(sql).then(
    () => 'served',
    (error: { code?: string }) => `failed ${error.code}`,
  );

it('holds one table for its window while the others are served', async () => {
  const fault = { type: 'dbLockTable', table: 'artists' } as const;
  await lock.apply({ env: env(), window: 'dbLockTable#1' }, fault);
  try {
    expect(await outcome('SELECT count(*) FROM artists')).toBe('failed 57014');
    expect(await outcome('SELECT count(*) FROM users')).toBe('served');
  } finally {
    await lock.revert!({ env: env(), window: 'dbLockTable#1' }, fault);
  }
  expect(await outcome('SELECT count(*) FROM artists')).toBe('served');
});

it('fails to apply on a table that is not there, and to revert a window it never locked', async () => {
  await expect(
    lock.apply({ env: env(), window: 'dbLockTable#2' }, { type: 'dbLockTable', table: 'nope' }),
  ).rejects.toThrow(FaultError);
  await expect(
    lock.revert!({ env: env(), window: 'dbLockTable#2' }, { type: 'dbLockTable', table: 'nope' }),
  ).rejects.toThrow(/no lock is held for dbLockTable#2/);
});
