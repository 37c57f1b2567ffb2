// A Redis black hole: replies dropped (and the connection closed after timeoutMs, unless 0).
// Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = { timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxicOptions };

/** A Redis black hole: nothing comes back; with timeoutMs > 0 the proxy closes the connection after it. */
export const redisTimeout = defineFault({
  type: 'redisTimeout',
  summary: 'a Redis black hole: replies dropped (the connection closed after timeoutMs, unless 0)',
  options,
  build: (timeout: OptionsInput<typeof options> = {}) => timeout,
  target: 'redis',
  effect: 'unavailable',
  controls: ['redisProxy'],
  apply: ({ redisProxy }, fault, window) =>
    redisProxy.addToxic(window, {
      type: 'timeout',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { timeout: fault.timeoutMs },
    }),
  revert: ({ redisProxy }, _fault, window) => redisProxy.removeToxic(window),
});
