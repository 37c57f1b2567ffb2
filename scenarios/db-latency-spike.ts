import { dbLatency, defineScenario, during } from '../harness/scenario/index.ts';
import { CONNECTION_TIMEOUT_MS, MACHINE_SLACK_MS, QUERY_TIMEOUT_MS, RECOVERY_BOUND_MS } from './bounds.ts';

/** Slow but within the query timeout: queries finish, the pool keeps up at this load. */
const BELOW_MS = Math.round(QUERY_TIMEOUT_MS / 6);
/** Beyond the query timeout: every query times out. */
const BEYOND_MS = QUERY_TIMEOUT_MS + 1_000;
/**
 * A request makes at most two queries, each bounded by the pool's wait (the connection timeout) and
 * the query timeout; past that it hung.
 */
const REQUEST_BUDGET_MS = 2 * (CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS) + MACHINE_SLACK_MS;

export default defineScenario({
  name: 'db-latency-spike',
  description:
    'Database latency spikes under load (a noisy neighbour, a vacuum, a network hiccup): first below the query timeout, then beyond it. Below, the app must answer correctly (or 503 if its pool cannot keep up); beyond, every query times out and the app must answer 503 within its timeout budget — no 500, no hung request — and recover when the latency goes.',
  timeline: [
    during('3s', '8s', dbLatency({ latencyMs: BELOW_MS, effect: 'degraded' })),
    during('10s', '15s', dbLatency({ latencyMs: BEYOND_MS, effect: 'unavailable' })),
  ],
  duration: '22s',
  load: {
    rate: 10,
    timeout: REQUEST_BUDGET_MS + 5_000,
    mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'tickets.create': 3 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    // Thresholds from the app's own timeouts: nothing hangs at fault, and steady answers come well within one query timeout.
    latency: { fault: [`max<${REQUEST_BUDGET_MS}`], steady: [`p(95)<${QUERY_TIMEOUT_MS}`] },
  },
});
