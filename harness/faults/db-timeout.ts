// A black hole: database data dropped (and the connection closed after timeoutMs, unless 0).
// Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = { timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxicOptions };

/** A black hole: nothing comes back; with timeoutMs > 0 the proxy closes the connection after it. */
export const dbTimeout = defineFault({
  type: 'dbTimeout',
  summary: 'a database black hole: data dropped (the connection closed after timeoutMs, unless 0)',
  options,
  build: (timeout: OptionsInput<typeof options> = {}) => timeout,
  target: 'database',
  effect: 'unavailable',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'timeout',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { timeout: fault.timeoutMs },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
