// PostgreSQL itself stopped, fast or immediate (a crash, as its clients see it). Inverse: started.
import { defineFault } from './fault.ts';
import { stopModeOption } from './options.ts';
import type { OptionsInput } from './types.ts';

export const postgresStop = defineFault({
  type: 'postgresStop',
  summary: 'PostgreSQL itself stopped, fast or immediate (a crash, as its clients see it)',
  options: stopModeOption,
  build: (stop: OptionsInput<typeof stopModeOption> = {}) => stop,
  target: 'database',
  effect: 'unavailable',
  controls: ['postgres'],
  apply: ({ postgres }, fault) => postgres.stop(fault.mode),
  revert: ({ postgres }) => postgres.start(),
});
