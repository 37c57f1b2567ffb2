import { defineScenario, during, postgresStop } from '../harness/scenario/index.ts';
import { RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'postgres-restart',
  description:
    'The PostgreSQL server itself goes down hard and comes back seconds later (an immediate shutdown, a crash, a minor-version patch): every pooled connection dies at once and its error surfaces on idle clients. Those pool errors must never crash the process; requests get 503 meanwhile, the app recovers once the server is back, and no acknowledged write is lost.',
  // Stopped for seconds, not restarted in a blink: requests must meet the dead server.
  timeline: [during('5s', '8s', postgresStop({ mode: 'immediate' }))],
  duration: '17s',
  load: { rate: 30 },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
  },
});
