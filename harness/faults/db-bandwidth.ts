// Database bandwidth limited to rateKbps (Toxiproxy's rate, in KB/s). Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { effectOption, nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = { rateKbps: nonNegativeInt('rateKbps'), ...toxicOptions, ...effectOption };

export const dbBandwidth = defineFault({
  type: 'dbBandwidth',
  summary: 'database bandwidth limited to rateKbps (KB/s)',
  options,
  build: (bandwidth: OptionsInput<typeof options>) => bandwidth,
  example: [{ rateKbps: 50 }],
  target: 'database',
  effect: 'degraded',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'bandwidth',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { rate: fault.rateKbps },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
