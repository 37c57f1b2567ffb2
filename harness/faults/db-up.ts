// The database proxy switched on again: a restore that ends the open dbDown windows.
import { dbDown } from './db-down.ts';
import { defineFault } from './fault.ts';

/** Re-enable the database proxy. */
export const dbUp = defineFault({
  type: 'dbUp',
  summary: 'the database proxy switched on again (ends dbDown)',
  options: {},
  build: () => ({}),
  target: 'database',
  effect: 'restore',
  restores: [dbDown.type],
  controls: ['dbProxy'],
  apply: ({ dbProxy }) => dbProxy.setEnabled(true),
});
