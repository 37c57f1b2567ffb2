import { dbLatency, defineScenario, during } from '../harness/scenario/index.ts';
import { CONNECTION_TIMEOUT_MS, MACHINE_SLACK_MS, QUERY_TIMEOUT_MS, RECOVERY_BOUND_MS } from './bounds.ts';

/** Slow enough that ten pooled connections serve ~30 queries/s, far below the offered load. */
const LATENCY_MS = 300;
/** Two queries, each after a wait for a pooled connection. */
const REQUEST_BUDGET_MS = 2 * (CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS) + MACHINE_SLACK_MS;

export default defineScenario({
  name: 'pool-exhaustion',
  description:
    'A slow database meets high concurrency (a traffic spike during a slow query plan): every pooled connection is busy and requests queue for one. The pool must give up after its connection timeout and the app must answer those requests 503 — not 500, not a hang — and recover when the database speeds up again.',
  timeline: [during('3s', '10s', dbLatency({ latencyMs: LATENCY_MS, effect: 'degraded' }))],
  duration: '18s',
  load: {
    rate: 100,
    maxInFlight: 1_000,
    timeout: REQUEST_BUDGET_MS + 5_000,
    mix: { 'events.get': 4, 'users.me': 3, 'artists.get': 2, 'tickets.create': 1 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    latency: { fault: [`max<${REQUEST_BUDGET_MS}`] },
  },
});
