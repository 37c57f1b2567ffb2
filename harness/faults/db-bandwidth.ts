// Database bandwidth limited to rateKbps (KB/s). Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const dbBandwidth = toxicFault('dbBandwidth', 'database', (f) => ({
  type: 'bandwidth',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { rate: f.rateKbps },
}));
