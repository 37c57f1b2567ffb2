// Each database connection closed after `bytes` bytes. Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const dbLimitData = toxicFault('dbLimitData', 'database', (f) => ({
  type: 'limit_data',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { bytes: f.bytes },
}));
