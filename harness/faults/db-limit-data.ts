// Each database connection closed after `bytes` bytes. Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = { bytes: nonNegativeInt('bytes'), ...toxicOptions };

export const dbLimitData = defineFault({
  type: 'dbLimitData',
  summary: 'each database connection closed after `bytes` bytes',
  options,
  build: (limit: OptionsInput<typeof options>) => limit,
  example: [{ bytes: 1_000 }],
  target: 'database',
  effect: 'unavailable',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'limit_data',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { bytes: fault.bytes },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
