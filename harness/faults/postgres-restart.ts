// PostgreSQL stopped and started at once: one action whose window lasts until it is back.
import { defineFault } from './fault.ts';
import { stopModeOption } from './options.ts';
import type { OptionsInput } from './types.ts';

export const postgresRestart = defineFault({
  type: 'postgresRestart',
  summary: 'PostgreSQL stopped and started at once',
  options: stopModeOption,
  build: (restart: OptionsInput<typeof stopModeOption> = {}) => restart,
  target: 'database',
  effect: 'unavailable',
  controls: ['postgres'],
  apply: async ({ postgres }, fault) => {
    await postgres.stop(fault.mode);
    await postgres.start();
  },
});
