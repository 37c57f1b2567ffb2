// PostgreSQL started again (ends postgresStop windows).
import type { FaultAction } from './types.ts';

export const postgresStart: FaultAction<'postgresStart'> = {
  type: 'postgresStart',
  apply: ({ env }) => env.startPostgres(),
};
