// dbExecute against real PostgreSQL: its statements are committed together, and a statement that
// fails changes nothing (one transaction) and is a fault that could not be applied.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { faultSchema } from '../scenario/faults.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { sqlControl } from './controls.ts';
import { dbExecute } from './db-execute.ts';
import { FaultError } from './types.ts';

let db: TestDatabase;
let reader: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase('db_execute');
  reader = new pg.Client({ connectionString: db.url });
  await reader.connect();
  await reader.query(`CREATE TABLE notes (id int PRIMARY KEY, gone boolean NOT NULL DEFAULT false)`);
  await reader.query(`INSERT INTO notes (id) VALUES (1), (2), (3)`);
});
afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

// The one control it declares: sessions over the direct connection.
const controls = () => ({ sql: sqlControl(db.url) });
const gone = async (): Promise<number[]> =>
  (await reader.query<{ id: number }>('SELECT id FROM notes WHERE gone ORDER BY id')).rows.map((row) => row.id);

it('runs its statements behind the app, committed together', async () => {
  await dbExecute.apply(
    controls(),
    dbExecute.schema.parse(dbExecute('UPDATE notes SET gone = true WHERE id <= 2; SELECT 1')),
    'dbExecute#1',
  );
  expect(await gone()).toEqual([1, 2]);
});

it('changes nothing when a statement fails, and says why', async () => {
  const failing = dbExecute.schema.parse(dbExecute('UPDATE notes SET gone = true WHERE id = 3; SELECT * FROM nope'));
  await expect(dbExecute.apply(controls(), failing, 'dbExecute#2')).rejects.toThrow(FaultError);
  await expect(dbExecute.apply(controls(), failing, 'dbExecute#2')).rejects.toThrow(/relation "nope" does not exist/);
  expect(await gone()).toEqual([1, 2]);
});

it('refuses empty SQL when the scenario is read', () => {
  expect(faultSchema.safeParse(dbExecute('  ')).success).toBe(false);
  expect(faultSchema.safeParse(dbExecute('SELECT 1')).success).toBe(true);
});
