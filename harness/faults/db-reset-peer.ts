// Database connections reset (TCP RST) timeoutMs after data starts. Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = { timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxicOptions };

export const dbResetPeer = defineFault({
  type: 'dbResetPeer',
  summary: 'database connections reset (TCP RST) timeoutMs after data starts',
  options,
  build: (reset: OptionsInput<typeof options> = {}) => reset,
  target: 'database',
  effect: 'unavailable',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'reset_peer',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { timeout: fault.timeoutMs },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
