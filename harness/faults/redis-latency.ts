// Latency (+ jitter) on every Redis round-trip. Inverse: the toxic removed.
import { toxicFault } from './proxy-faults.ts';

export const redisLatency = toxicFault('redisLatency', 'redis', (f) => ({
  type: 'latency',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { latency: f.latencyMs, jitter: f.jitterMs },
}));
