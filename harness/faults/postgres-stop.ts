// PostgreSQL itself stopped, fast or immediate (a crash, as its clients see it). Inverse: started.
import type { FaultAction } from './types.ts';

export const postgresStop: FaultAction<'postgresStop'> = {
  type: 'postgresStop',
  apply: ({ env }, fault) => env.stopPostgres({ mode: fault.mode }),
  revert: ({ env }) => env.startPostgres(),
};
