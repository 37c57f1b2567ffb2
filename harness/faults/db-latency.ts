// Latency (+ jitter) on every database round-trip. Inverse: the toxic removed.
import { toxicFault } from './proxy-faults.ts';

export const dbLatency = toxicFault('dbLatency', 'database', (f) => ({
  type: 'latency',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { latency: f.latencyMs, jitter: f.jitterMs },
}));
