// One table locked ACCESS EXCLUSIVE, as a migration holds it (an ALTER TABLE, a rewrite, a
// VACUUM FULL): every query that touches the table waits for the lock, while queries on the others
// run as usual — a slow query that is not an outage. The lock is taken over the environment's
// direct (unproxied) connection, in a transaction held open for the window; reverting rolls it back.
import type pg from 'pg';
import { z } from 'zod';
import { defineFault } from './fault.ts';
import { FaultError, type OptionsInput } from './types.ts';

/** How long taking the lock may wait for the transactions already using the table. */
const LOCK_WAIT_MS = 10_000;

/** The sessions holding a lock, by the window that took it. */
const held = new Map<string, pg.Client>();

const quoted = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

const options = {
  /** The table's name in the app's database schema. */
  table: z
    .string({ error: 'expected the name of a table to lock' })
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'expected a table name (letters, digits and _, at most 63)'),
};

/** Lock one table ACCESS EXCLUSIVE for the window, over a direct connection (a migration holding it). */
export const dbLockTable = defineFault({
  type: 'dbLockTable',
  summary: 'one table locked ACCESS EXCLUSIVE for the window (a migration holding it)',
  options,
  build: (lock: OptionsInput<typeof options>) => lock,
  example: [{ table: 'orders' }],
  target: 'database',
  effect: 'degraded',
  controls: ['sql'],
  async apply({ sql }, fault, window) {
    const client = await sql.openSession('faultline-lock');
    try {
      await client.query(`SET lock_timeout = ${LOCK_WAIT_MS}`);
      await client.query('BEGIN');
      await client.query(`LOCK TABLE ${quoted(fault.table)} IN ACCESS EXCLUSIVE MODE`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new FaultError(`could not lock table ${fault.table}: ${(error as Error).message}`, { cause: error });
    }
    held.set(window, client);
  },
  async revert(_controls, _fault, window) {
    const client = held.get(window);
    if (client === undefined) throw new FaultError(`no lock is held for ${window}`);
    held.delete(window);
    try {
      await client.query('ROLLBACK');
    } finally {
      await client.end().catch(() => undefined);
    }
  },
});
