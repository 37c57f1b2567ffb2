// One table locked ACCESS EXCLUSIVE, as a migration holds it (an ALTER TABLE, a rewrite, a
// VACUUM FULL): every query that touches the table waits for the lock, while queries on the others
// run as usual — a slow query that is not an outage. The lock is taken over the environment's
// direct (unproxied) connection, in a transaction held open for the window; reverting rolls it back.
import pg from 'pg';
import { FaultError, type FaultAction } from './types.ts';

/** How long taking the lock may wait for the transactions already using the table. */
const LOCK_WAIT_MS = 10_000;

/** The sessions holding a lock, by the window that took it. */
const held = new Map<string, pg.Client>();

const quoted = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

export const dbLockTable: FaultAction<'dbLockTable'> = {
  type: 'dbLockTable',
  async apply({ env, window }, fault) {
    const client = new pg.Client({ connectionString: env.databaseUrl, application_name: 'faultline-lock' });
    // The server going away (a later fault, the end of the run) must not crash the harness.
    client.on('error', () => undefined);
    await client.connect();
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
  async revert({ window }) {
    const client = held.get(window);
    if (client === undefined) throw new FaultError(`no lock is held for ${window}`);
    held.delete(window);
    try {
      await client.query('ROLLBACK');
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
