// Latency (+ jitter) on every Redis round-trip. Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = {
  latencyMs: nonNegativeInt('latencyMs'),
  jitterMs: nonNegativeInt('jitterMs').default(0),
  ...toxicOptions,
};

export const redisLatency = defineFault({
  type: 'redisLatency',
  summary: 'latency (+ jitter) on every Redis round-trip',
  options,
  build: (latency: OptionsInput<typeof options>) => latency,
  example: [{ latencyMs: 500 }],
  target: 'redis',
  effect: 'degraded',
  controls: ['redisProxy'],
  apply: ({ redisProxy }, fault, window) =>
    redisProxy.addToxic(window, {
      type: 'latency',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: { latency: fault.latencyMs, jitter: fault.jitterMs },
    }),
  revert: ({ redisProxy }, _fault, window) => redisProxy.removeToxic(window),
});
