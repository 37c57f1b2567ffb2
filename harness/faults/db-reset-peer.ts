// Database connections reset (TCP RST) timeoutMs after data starts. Inverse: removed.
import { toxicFault } from './proxy-faults.ts';

export const dbResetPeer = toxicFault('dbResetPeer', 'database', (f) => ({
  type: 'reset_peer',
  stream: f.stream,
  toxicity: f.toxicity,
  attributes: { timeout: f.timeoutMs },
}));
