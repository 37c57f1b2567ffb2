import { afterReady, dbLatency, defineScenario, during } from '../harness/scenario/index.ts';
import { QUERY_TIMEOUT_MS, RECOVERY_BOUND_MS, TWO_QUERY_REQUEST_BUDGET_MS } from './bounds.ts';

/** Slow but within the query timeout: queries finish, the pool keeps up at this load. */
const BELOW_MS = Math.round(QUERY_TIMEOUT_MS / 6);
/** Beyond the query timeout: every query times out. */
const BEYOND_MS = QUERY_TIMEOUT_MS + 1_000;

export default defineScenario({
  name: 'db-latency-spike',
  description:
    'Database latency spikes under load (a noisy neighbour, a vacuum, a network hiccup): first below the query timeout, then beyond it. Below, the app must answer correctly (or 503 if its pool cannot keep up); beyond, every query times out and the app must answer 503 within its timeout budget — no 500, no hung request — and recover when the latency goes.',
  timeline: [
    during(afterReady('2s'), afterReady('7s'), dbLatency({ latencyMs: BELOW_MS, effect: 'degraded' })),
    during(afterReady('9s'), afterReady('14s'), dbLatency({ latencyMs: BEYOND_MS, effect: 'unavailable' })),
  ],
  duration: '24s',
  load: {
    rate: 20,
    timeout: TWO_QUERY_REQUEST_BUDGET_MS + 5_000,
    // Half writes: one is in flight at each edge of both windows.
    mix: { 'events.list': 2, 'events.get': 2, 'users.me': 1, 'tickets.create': 5 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // Beyond the query timeout every query times out: the requests sent then are 503s.
    'fault-statuses': { expect: [{ window: 'dbLatency#2', status: 503, share: 0.8 }] },
    'answered-within': { withinMs: TWO_QUERY_REQUEST_BUDGET_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    // Thresholds from the app's own timeouts: nothing hangs at fault, and steady answers come well within one query timeout.
    latency: { fault: [`max<${TWO_QUERY_REQUEST_BUDGET_MS}`], steady: [`p(95)<${QUERY_TIMEOUT_MS}`] },
  },
});
