import { afterReady, defineScenario, during, postgresStop } from '../harness/scenario/index.ts';
import { DB_FAULT_REQUEST_BUDGET_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'postgres-restart',
  description:
    'The PostgreSQL server itself goes down hard and comes back seconds later (an immediate shutdown, a crash, a minor-version patch): every pooled connection dies at once and its error surfaces on idle clients. Those pool errors must never crash the process; requests get 503 meanwhile, the app recovers once the server is back, and no acknowledged write is lost.',
  // Stopped for seconds, not restarted in a blink: requests must meet the dead server.
  timeline: [during(afterReady('3s'), afterReady('6s'), postgresStop({ mode: 'immediate' }))],
  duration: '16s',
  // Half writes: one is in flight when the server dies and when it is back.
  load: {
    rate: 30,
    mix: { 'events.list': 2, 'events.get': 2, 'users.me': 1, 'artists.update-missing': 1, 'tickets.create': 6 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
  },
});
