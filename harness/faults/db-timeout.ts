// A black hole: database data dropped (and the connection closed after timeoutMs, unless 0). Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const dbTimeout = toxicFault('dbTimeout', 'database', (f) => ({
  type: 'timeout',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { timeout: f.timeoutMs },
}));
