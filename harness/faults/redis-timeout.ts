// A Redis black hole: replies dropped (and the connection closed after timeoutMs, unless 0). Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const redisTimeout = toxicFault('redisTimeout', 'redis', (f) => ({
  type: 'timeout',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { timeout: f.timeoutMs },
}));
