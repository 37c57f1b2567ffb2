import { afterReady, defineScenario, during, postgresStop } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'postgres-restart',
  description:
    'The PostgreSQL server itself goes down hard and comes back seconds later (an immediate shutdown, a crash, a minor-version patch): every pooled connection dies at once and its error surfaces on idle clients. Those pool errors must never crash the process; requests get 503 meanwhile, the app recovers once the server is back, and no acknowledged write is lost.',
  // Stopped for seconds, not restarted in a blink: requests must meet the dead server.
  timeline: [during(afterReady('3s'), afterReady('6s'), postgresStop({ mode: 'immediate' }))],
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(16_000, 6_000 + b.recoveryMs),
  // Half writes: one is in flight when the server dies and when it is back.
  load: {
    rate: 30,
    mix: { kinds: { read: 1, write: 5, missing: 1 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'answered-within': { withinMs: b.dbFaultRequestMs },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: b.recoveryMs },
    'no-lost-writes': true,
  },
}));
