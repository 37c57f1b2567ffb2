// The database proxy switched off: connections refused and open ones cut. Inverse: on again.
import { defineFault } from './fault.ts';

/** Disable the database proxy: new and open connections fail. */
export const dbDown = defineFault({
  type: 'dbDown',
  summary: 'the database proxy switched off (connections refused, open ones cut)',
  options: {},
  build: () => ({}),
  target: 'database',
  effect: 'unavailable',
  controls: ['dbProxy'],
  apply: ({ dbProxy }) => dbProxy.setEnabled(false),
  revert: ({ dbProxy }) => dbProxy.setEnabled(true),
});
