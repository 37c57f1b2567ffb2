// dbLockTable against real PostgreSQL: while the window holds, a query on the locked table waits
// (and so outlives a statement timeout) while a query on another table is served; once reverted,
// the table answers again. A table that is not there is a fault that could not be applied.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { sqlControl } from './controls.ts';
import { dbLockTable } from './db-lock-table.ts';
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

// The one control it declares: sessions over the direct connection.
const controls = () => ({ sql: sqlControl(db.url) });
const outcome = (sql: string): Promise<string> =>
  app.query(sql).then(
    () => 'served',
    (error: { code?: string }) => `failed ${error.code}`,
  );

it('holds one table for its window while the others are served', async () => {
  const fault = dbLockTable.schema.parse(dbLockTable({ table: 'artists' }));
  await dbLockTable.apply(controls(), fault, 'dbLockTable#1');
  try {
    expect(await outcome('SELECT count(*) FROM artists')).toBe('failed 57014');
    expect(await outcome('SELECT count(*) FROM users')).toBe('served');
  } finally {
    await dbLockTable.revert!(controls(), fault, 'dbLockTable#1');
  }
  expect(await outcome('SELECT count(*) FROM artists')).toBe('served');
});

it('fails to apply on a table that is not there, and to revert a window it never locked', async () => {
  const nope = dbLockTable.schema.parse(dbLockTable({ table: 'nope' }));
  await expect(dbLockTable.apply(controls(), nope, 'dbLockTable#2')).rejects.toThrow(FaultError);
  await expect(dbLockTable.revert!(controls(), nope, 'dbLockTable#2')).rejects.toThrow(
    /no lock is held for dbLockTable#2/,
  );
});
