// dbExecute against real PostgreSQL: its statements are committed together, and a statement that
// fails changes nothing (one transaction) and is a fault that could not be applied.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StartedEnvironment } from '../environment/types.ts';
import { dbExecute as dbExecuteFault } from '../scenario/faults.ts';
import { faultSchema } from '../scenario/fault-schema.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { faultAction } from './registry.ts';
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

const execute = faultAction('dbExecute');
const env = () => ({ databaseUrl: db.url }) as unknown as StartedEnvironment;
const gone = async (): Promise<number[]> =>
  (await reader.query<{ id: number }>('SELECT id FROM notes WHERE gone ORDER BY id')).rows.map((row) => row.id);

it('runs its statements behind the app, committed together', async () => {
  await execute.apply(
    { env: env(), window: 'dbExecute#1' },
    { type: 'dbExecute', sql: 'UPDATE notes SET gone = true WHERE id <= 2; SELECT 1' },
  );
  expect(await gone()).toEqual([1, 2]);
});

it('changes nothing when a statement fails, and says why', async () => {
  const failing = { type: 'dbExecute', sql: 'UPDATE notes SET gone = true WHERE id = 3; SELECT * FROM nope' } as const;
  await expect(execute.apply({ env: env(), window: 'dbExecute#2' }, failing)).rejects.toThrow(FaultError);
  await expect(execute.apply({ env: env(), window: 'dbExecute#2' }, failing)).rejects.toThrow(
    /relation "nope" does not exist/,
  );
  expect(await gone()).toEqual([1, 2]);
});

it('refuses empty SQL when the scenario is read', () => {
  expect(faultSchema.safeParse(dbExecuteFault('  ')).success).toBe(false);
  expect(faultSchema.safeParse(dbExecuteFault('SELECT 1')).success).toBe(true);
});
