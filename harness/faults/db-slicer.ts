// Database packets sliced into small pieces, optionally delayed. Inverse: the toxic removed.
import { defineFault } from './fault.ts';
import { effectOption, nonNegativeInt, toxicOptions } from './options.ts';
import type { OptionsInput } from './types.ts';

const options = {
  averageSizeBytes: nonNegativeInt('averageSizeBytes').min(1, 'expected averageSizeBytes ≥ 1'),
  sizeVariationBytes: nonNegativeInt('sizeVariationBytes').default(0),
  delayUs: nonNegativeInt('delayUs').default(0),
  ...toxicOptions,
  ...effectOption,
};

export const dbSlicer = defineFault({
  type: 'dbSlicer',
  summary: 'database packets sliced into small pieces, optionally delayed',
  options,
  build: (slicer: OptionsInput<typeof options>) => slicer,
  example: [{ averageSizeBytes: 64, delayUs: 500 }],
  target: 'database',
  effect: 'degraded',
  controls: ['dbProxy'],
  apply: ({ dbProxy }, fault, window) =>
    dbProxy.addToxic(window, {
      type: 'slicer',
      stream: fault.stream,
      toxicity: fault.toxicity,
      attributes: {
        average_size: fault.averageSizeBytes,
        size_variation: fault.sizeVariationBytes,
        delay: fault.delayUs,
      },
    }),
  revert: ({ dbProxy }, _fault, window) => dbProxy.removeToxic(window),
});
