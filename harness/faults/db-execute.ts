// SQL run once over the environment's direct (unproxied) connection, in one transaction: rows
// changed behind the app's back — an admin script, another service, a manual fix in production —
// which its caches (a token check, a cached listing) do not know about. The database stays
// available; the window is the statement's time.
import { z } from 'zod';
import { defineFault } from './fault.ts';
import { FaultError } from './types.ts';

export const dbExecute = defineFault({
  type: 'dbExecute',
  summary: 'SQL run once over the direct connection, in one transaction, behind the app',
  options: {
    /** One or more statements, run in one transaction. */
    sql: z.string({ error: 'expected the SQL to run' }).trim().min(1, 'expected the SQL to run'),
  },
  build: (sql: string) => ({ sql }),
  example: ['DELETE FROM sessions WHERE expires_at < now()'],
  target: 'database',
  effect: 'degraded',
  controls: ['sql'],
  async apply({ sql }, fault) {
    const client = await sql.openSession('faultline-execute');
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
});
