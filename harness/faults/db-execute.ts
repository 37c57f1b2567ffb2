// SQL run once over the environment's direct (unproxied) connection, in one transaction: rows
// changed behind the app's back — an admin script, another service, a manual fix in production —
// which its caches (a token check, a cached listing) do not know about.
import pg from 'pg';
import { FaultError, type FaultAction } from './types.ts';

export const dbExecute: FaultAction<'dbExecute'> = {
  type: 'dbExecute',
  async apply({ env }, fault) {
    const client = new pg.Client({ connectionString: env.databaseUrl, application_name: 'faultline-execute' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(fault.sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new FaultError(`the SQL of dbExecute failed: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
