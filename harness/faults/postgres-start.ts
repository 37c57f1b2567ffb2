// PostgreSQL started again: a restore that ends the open postgresStop windows.
import { defineFault } from './fault.ts';
import { postgresStop } from './postgres-stop.ts';

export const postgresStart = defineFault({
  type: 'postgresStart',
  summary: 'PostgreSQL started again (ends postgresStop)',
  options: {},
  build: () => ({}),
  target: 'database',
  effect: 'restore',
  restores: [postgresStop.type],
  controls: ['postgres'],
  apply: ({ postgres }) => postgres.start(),
});
