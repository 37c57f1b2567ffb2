// Database packets sliced into small pieces, optionally delayed. Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const dbSlicer = toxicFault('dbSlicer', 'database', (f) => ({
  type: 'slicer',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { average_size: f.averageSizeBytes, size_variation: f.sizeVariationBytes, delay: f.delayUs },
}));
