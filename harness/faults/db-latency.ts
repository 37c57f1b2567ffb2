// Latency (+ jitter) on every database round-trip. Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { effectOption, nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = {
  latencyMs: nonNegativeInt('latencyMs'),
  jitterMs: nonNegativeInt('jitterMs').default(0),
  ...toxicOptions,
  ...effectOption,
};

export const dbLatency = defineFault({
  type: 'dbLatency',
  summary: 'latency (+ jitter) on every database round-trip',
  options,
  build: (latency: OptionsInput<typeof options>) => latency,
  example: [{ latencyMs: 800 }],
  target: 'database',
  effect: 'degraded',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'latency',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { latency: fault.latencyMs, jitter: fault.jitterMs },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
