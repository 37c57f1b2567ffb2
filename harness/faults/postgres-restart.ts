// PostgreSQL stopped and started at once.
import type { FaultAction } from './types.ts';

export const postgresRestart: FaultAction<'postgresRestart'> = {
  type: 'postgresRestart',
  apply: async ({ env }, fault) => {
    await env.stopPostgres({ mode: fault.mode });
    await env.startPostgres();
  },
};
